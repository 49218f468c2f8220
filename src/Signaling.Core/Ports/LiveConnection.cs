namespace Signaling.Core.Ports;

/// <summary>
/// One open event stream: whose it is, which surface and transport it came in on, from which device and since when.
/// <see cref="ExpiresAt"/> is when it counts as gone unless its node renews it.
/// </summary>
public sealed record LiveConnection(
    string Id, string UserId, DateTimeOffset ExpiresAt, string Surface = "", string Transport = "", string? DeviceId = null, DateTimeOffset Since = default);
