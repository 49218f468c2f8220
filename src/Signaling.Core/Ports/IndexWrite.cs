namespace Signaling.Core.Ports;

/// <summary>
/// Set a lookup key (a channel's name, a user's current call, a client request id) to an aggregate id,
/// or remove it (<paramref name="Value"/> null), provided it still holds <paramref name="Expected"/>.
/// </summary>
public sealed record IndexWrite(string Key, string? Expected, string? Value);
