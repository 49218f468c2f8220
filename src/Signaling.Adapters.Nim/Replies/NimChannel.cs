using Signaling.Core.Channels;

namespace Signaling.Adapters.Nim.Replies;

/// <summary>
/// A channel as the web SDK hands it out. Both web spellings of the times are emitted (createTimestamp/expireTimestamp
/// from the docs, channelCreateTime/channelExpireTime from the SDK's objects), and creator as well as creatorId.
/// </summary>
public sealed record NimChannel(
    string ChannelId,
    string ChannelName,
    int Type,
    string Ext,
    string Creator,
    string CreatorId,
    bool Invalid,
    bool ChannelInValid,
    long CreateTimestamp,
    long ExpireTimestamp,
    long ChannelCreateTime,
    long ChannelExpireTime,
    IReadOnlyList<NimMember> Members)
{
    /// <summary>signalingCallEx and signalingJoinAndAccept: 200, or 10201 when the invitee was offline.</summary>
    public int? CallStatus { get; init; }

    /// <summary>With <c>Adapters:Nim:Nertc</c>: the joiner's NERTC token for the media room, and its ttl in seconds (audit N-1).</summary>
    public string? NertcToken { get; init; }

    public long? NertcTokenTtl { get; init; }

    public static NimChannel From(ChannelView channel, DateTimeOffset now)
    {
        var created = channel.CreatedAt.ToUnixTimeMilliseconds();
        var expires = channel.ExpiresAt.ToUnixTimeMilliseconds();
        var invalid = channel.Closed || channel.ExpiresAt <= now;
        return new NimChannel(channel.Id, channel.Name, TypeOf(channel.Type), channel.Ext, channel.Creator, channel.Creator, invalid, invalid,
            created, expires, created, expires, channel.Members.Select(NimMember.From).ToList());
    }

    public static int TypeOf(ChannelType type) => type switch
    {
        ChannelType.Audio => 1,
        ChannelType.Video => 2,
        _ => 3,
    };

    public static ChannelType TypeFrom(int? type) => type switch
    {
        1 => ChannelType.Audio,
        2 => ChannelType.Video,
        _ => ChannelType.Custom,
    };
}

/// <summary>A member: accid (and account, the name older SDK builds read), uid, and join and expiry times in ms.</summary>
public sealed record NimMember(string Accid, string Account, long Uid, long CreateTime, long ExpireTime, string? DeviceId)
{
    public static NimMember From(ChannelMember member) => new(member.UserId, member.UserId, member.Uid,
        member.JoinedAt.ToUnixTimeMilliseconds(), member.ExpiresAt.ToUnixTimeMilliseconds(), member.DeviceId);
}
