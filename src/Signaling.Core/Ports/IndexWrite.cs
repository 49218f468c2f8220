namespace Signaling.Core.Ports;

/// <summary>
/// Set a lookup key (a channel's name, a user's current call, a client request id) to an aggregate id, or remove it
/// (<paramref name="Value"/> null). By default the commit fails unless the key still holds <paramref name="Expected"/>
/// (null: absent); <see cref="Condition"/> says otherwise.
/// </summary>
public sealed record IndexWrite(string Key, string? Expected, string? Value)
{
    /// <summary>
    /// The key names an id this command made itself (<see cref="Ids"/>), so nothing can have set it yet: a store need
    /// not read it to check that it is absent.
    /// </summary>
    public bool Minted { get; init; }

    public IndexCondition Condition { get; init; }

    /// <summary>Sets a key that names an id this command made: it is known to be absent.</summary>
    public static IndexWrite ForMinted(string key, string value) => new(key, null, value) { Minted = true };

    /// <summary>Points the key at <paramref name="value"/> whatever it held: the command need not read it first.</summary>
    public static IndexWrite Replace(string key, string value) => new(key, null, value) { Condition = IndexCondition.Any };

    /// <summary>Removes the key if it still points at <paramref name="value"/>; else leaves it, and the commit goes on.</summary>
    public static IndexWrite RemoveIfHolds(string key, string value) => new(key, value, null) { Condition = IndexCondition.IfHolds };
}

/// <summary>What a lookup key must hold for its write to apply.</summary>
public enum IndexCondition
{
    /// <summary>The key holds <see cref="IndexWrite.Expected"/>, or the whole commit fails as a conflict.</summary>
    Holds,

    /// <summary>Anything: the write applies whatever the key holds.</summary>
    Any,

    /// <summary>The key holds <see cref="IndexWrite.Expected"/>, or this write is skipped and the rest of the commit applies.</summary>
    IfHolds,
}
