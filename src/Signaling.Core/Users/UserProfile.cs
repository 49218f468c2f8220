namespace Signaling.Core.Users;

/// <summary>What the gateway keeps per user besides events: attributes (Agora's user attributes).</summary>
public sealed class UserProfile
{
    public required string Id { get; init; }

    public long Version { get; set; }

    public Dictionary<string, string> Attributes { get; init; } = [];
}
