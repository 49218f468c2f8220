using Signaling.Adapters.Nim.Requests;

using System.Text.Json.Serialization;

namespace Signaling.Adapters.Nim.Replies;

/// <summary>
/// One signaling notification as the web SDK delivers it (reference A.4): a string eventType (ROOM_CLOSE, ROOM_JOIN,
/// INVITE, CANCEL_INVITE, REJECT, ACCEPT, LEAVE, CONTROL) and the native numeric event_type (1–8), the channel's fields,
/// from/to, requestId, attachExt, time and msgid. Offline items add channelInValid.
/// </summary>
public sealed record NimNotify(
    string EventType,
    [property: JsonPropertyName("event_type")] int EventTypeCode,
    string ChannelName,
    string ChannelId,
    long ChannelCreateTime,
    long ChannelExpireTime,
    string Creator,
    int Type,
    string From,
    string AttachExt,
    long Time,
    string Msgid)
{
    public string? To { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Push settings flat on the notification, as the SDK gives them (audit N-3).</summary>
    public bool? NeedPush { get; init; }

    public string? PushTitle { get; init; }

    public string? PushContent { get; init; }

    public string? PushPayload { get; init; }

    public bool? NeedBadge { get; init; }

    public NimMember? Member { get; init; }

    public bool? ChannelInValid { get; init; }
}
