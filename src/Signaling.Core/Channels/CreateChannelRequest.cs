namespace Signaling.Core.Channels;

public sealed record CreateChannelRequest
{
    /// <summary>Empty: the server makes one. Unique among live channels.</summary>
    public string? Name { get; init; }

    public ChannelType Type { get; init; } = ChannelType.Custom;

    public string? Ext { get; init; }

    /// <summary>0: the default lifetime.</summary>
    public int TtlSeconds { get; init; }

    /// <summary>0: the default member limit.</summary>
    public int MemberLimit { get; init; }
}
