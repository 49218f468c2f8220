using Signaling.Core.Channels;

namespace Signaling.Adapters.Nim.Replies;

/// <summary>
/// A channel as the server API answers it (NS <c>GetSignalRoomInfoResponseV1</c>): <c>type</c> is the String
/// AUDIO, VIDEO or CUSTOM there (audit N-7), members carry their deviceId.
/// </summary>
public sealed record NimServerRoom(
    string ChannelName,
    string Type,
    string ChannelId,
    long ChannelCreateTime,
    long ChannelExpireTime,
    string Creator,
    string Ext,
    IReadOnlyList<NimMember> Members)
{
    public static NimServerRoom From(ChannelView channel) => new(
        channel.Name,
        channel.Type switch { ChannelType.Audio => "AUDIO", ChannelType.Video => "VIDEO", _ => "CUSTOM" },
        channel.Id,
        channel.CreatedAt.ToUnixTimeMilliseconds(),
        channel.ExpiresAt.ToUnixTimeMilliseconds(),
        channel.Creator,
        channel.Ext,
        channel.Members.Select(NimMember.From).ToList());
}
