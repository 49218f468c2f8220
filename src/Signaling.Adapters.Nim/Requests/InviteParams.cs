using System.Text.Json.Serialization;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>
/// The parameters of the call methods (signalingInvite, signalingCancel, signalingReject, signalingAccept,
/// signalingJoinAndAccept, signalingCall, signalingCallEx). <c>account</c> is the invitee for invite and cancel, the
/// inviter for reject and accept. signalingCall adds the create fields; signalingCallEx flattens pushInfo.
/// </summary>
public sealed record InviteParams
{
    public string? ChannelId { get; init; }

    public string? Account { get; init; }

    public string? RequestId { get; init; }

    public bool? OfflineEnabled { get; init; }

    public string? AttachExt { get; init; }

    public NimPushInfo? PushInfo { get; init; }

    /// <summary>signalingAccept: join the channel as well.</summary>
    public bool? AutoJoin { get; init; }

    [JsonConverter(typeof(UidConverter))]
    public long? Uid { get; init; }

    /// <summary>signalingAccept with autoJoin: the join's attachExt.</summary>
    public string? JoinAttachExt { get; init; }

    /// <summary>signalingCall(Ex): the channel to create.</summary>
    public int? Type { get; init; }

    public string? ChannelName { get; init; }

    public string? Ext { get; init; }

    /// <summary>signalingCallEx: pushInfo's fields at the top level.</summary>
    public bool? NeedPush { get; init; }

    public string? PushTitle { get; init; }

    public string? PushContent { get; init; }

    [JsonConverter(typeof(JsonTextConverter))]
    public string? PushPayload { get; init; }

    public bool? NeedBadge { get; init; }

    [JsonIgnore]
    public NimPushInfo? Push => PushInfo ?? (NeedPush is null ? null : new NimPushInfo(NeedPush, PushTitle, PushContent, PushPayload, NeedBadge));

    /// <summary>The media room to mint a NERTC token for (default: the channel's name), and the token's ttl in seconds.</summary>
    public string? NertcChannelName { get; init; }

    public long? NertcTokenTtl { get; init; }

    [JsonIgnore]
    public NertcRequest Nertc => new(NertcChannelName, NertcTokenTtl);
}
