using Signaling.Core.Channels;

namespace Signaling.Http.Canonical.Requests;

public sealed record CreateChannelBody
{
    /// <summary>Unique among live channels; the server makes one when empty.</summary>
    public string? Name { get; init; }

    public ChannelType? Type { get; init; }

    /// <summary>Custom channel data, at most 8 KB.</summary>
    public string? Ext { get; init; }

    /// <summary>Lifetime in seconds; absent means the default (2 hours).</summary>
    public int? TtlSeconds { get; init; }

    /// <summary>Absent means the default (100).</summary>
    public int? MemberLimit { get; init; }

    public CreateChannelRequest ToCore() => new()
    {
        Name = Name,
        Type = Type ?? ChannelType.Custom,
        Ext = Ext,
        TtlSeconds = TtlSeconds ?? 0,
        MemberLimit = MemberLimit ?? 0,
    };
}
