namespace Signaling.Core.Ports;

/// <summary>
/// Set a lookup key (a channel's name, a user's current call, a client request id) to an aggregate id,
/// or remove it (<paramref name="Value"/> null), provided it still holds <paramref name="Expected"/>.
/// </summary>
public sealed record IndexWrite(string Key, string? Expected, string? Value)
{
    /// <summary>
    /// The key names an id this command made itself (<see cref="Ids"/>), so nothing can have set it yet: a store need
    /// not read it to check that it is absent.
    /// </summary>
    public bool Minted { get; init; }

    /// <summary>Sets a key that names an id this command made: it is known to be absent.</summary>
    public static IndexWrite ForMinted(string key, string value) => new(key, null, value) { Minted = true };
}
