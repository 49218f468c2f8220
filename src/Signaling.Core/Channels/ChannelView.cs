namespace Signaling.Core.Channels;

/// <summary>An immutable copy of a channel, carried by events and returned by queries.</summary>
public sealed record ChannelView(
    string Id,
    string Name,
    ChannelType Type,
    string Ext,
    string Creator,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int MemberLimit,
    bool Closed,
    IReadOnlyList<ChannelMember> Members,
    IReadOnlyDictionary<string, string> Attributes);
