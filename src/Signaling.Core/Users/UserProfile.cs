namespace Signaling.Core.Users;

/// <summary>What the gateway keeps per user besides events: attributes, read marks and login credentials.</summary>
public sealed class UserProfile
{
    public required string Id { get; init; }

    public long Version { get; set; }

    public Dictionary<string, string> Attributes { get; init; } = [];

    /// <summary>Sequence numbers of offline events the user marked read, newest last (the latest <see cref="MaxReadMarks"/>).</summary>
    public List<long> ReadEvents { get; init; } = [];

    /// <summary>Login secrets registered for the user, by scheme (NIM's static tokens), stored as hashes.</summary>
    public Dictionary<string, string> Credentials { get; init; } = [];

    /// <summary>The live login session per scheme (Agora: one per account).</summary>
    public Dictionary<string, LoginSession> Sessions { get; init; } = [];

    public const int MaxReadMarks = 1000;

    /// <summary>A copy a command may change without touching this one (sessions are immutable records, shared).</summary>
    public UserProfile Copy() => new()
    {
        Id = Id, Version = Version, Attributes = new Dictionary<string, string>(Attributes), ReadEvents = [.. ReadEvents],
        Credentials = new Dictionary<string, string>(Credentials), Sessions = new Dictionary<string, LoginSession>(Sessions),
    };
}
