using System.Globalization;
using System.Text.Json;
using Signaling.Adapters.Nim.Replies;
using Signaling.Adapters.Nim.Requests;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Http.Streams;

namespace Signaling.Adapters.Nim;

/// <summary>
/// Canonical events as the web SDK's signaling notifications (reference A.4). Online events are signalingNotify;
/// an answer made on another of my devices is signalingMutilClientSyncNotify (NIM's spelling) with from = me; the
/// offline list asked for by signalingSync is one signalingUnreadMessageSyncNotify. NIM has no timeout event (its
/// apps keep their own timer), and a hang-up from another surface reads as that user leaving.
/// msgid is the event's sequence number in my log: the same on all my devices, which is what markMsgRead needs.
/// </summary>
public sealed class NimEventRenderer : IEventRenderer
{
    public const string Notify = "signalingNotify";
    public const string MultiClientSync = "signalingMutilClientSyncNotify";
    public const string UnreadSync = "signalingUnreadMessageSyncNotify";
    public const string ChannelsSync = "signalingChannelsSyncNotify";

    public IReadOnlyList<EventFrame> Render(SignalingEvent e)
    {
        if (e.Kind == EventKind.OfflineSync)
        {
            var items = (e.Items ?? []).Select(i => ToNotify(i.Event) is { } n ? n with { ChannelInValid = !i.Valid } : null).OfType<NimNotify>().ToList();
            return [new EventFrame(UnreadSync, JsonSerializer.SerializeToUtf8Bytes(items, NimJson.Frames.ListNimNotify))];
        }

        if (ToNotify(e) is not { } notify)
        {
            return [];
        }

        var name = e.Kind == EventKind.AnsweredElsewhere ? MultiClientSync : Notify;
        return [new EventFrame(name, JsonSerializer.SerializeToUtf8Bytes(notify, NimJson.Frames.NimNotify))];
    }

    /// <summary>
    /// What a client is told on connect: the channels it has not left, with their members, as the SDK's one
    /// signalingChannelsSyncNotify (it has no members-sync event of its own).
    /// </summary>
    public IReadOnlyList<EventFrame> Greeting(List<NimChannel> channels) =>
        [new EventFrame(ChannelsSync, JsonSerializer.SerializeToUtf8Bytes(channels, NimJson.Frames.ListNimChannel))];

    public byte[] WebSocketText(EventFrame frame, long sequence) => ListenerFrames.Wrap(frame, sequence);

    /// <summary>The notification for an event, or null when NIM has no such notification.</summary>
    public static NimNotify? ToNotify(SignalingEvent e)
    {
        var someoneElse = e.Recipient != e.Actor.UserId;
        var view = e.Invitation;
        return e.Kind switch
        {
            EventKind.InvitationReceived => WithPush(Call(e, "INVITE", view!.Inviter.UserId, e.Recipient), view.OfflinePush),
            EventKind.InvitationCancelled when someoneElse => Call(e, "CANCEL_INVITE", view!.Inviter.UserId, e.Recipient),
            EventKind.InviteeAccepted => Call(e, "ACCEPT", e.Actor.UserId, view!.Inviter.UserId),
            EventKind.InviteeRejected => Call(e, "REJECT", e.Actor.UserId, view!.Inviter.UserId),
            EventKind.AnsweredElsewhere => Call(e, Accepted(view!, e.Actor.UserId) ? "ACCEPT" : "REJECT", e.Recipient, view!.Inviter.UserId),
            EventKind.CallEnded when someoneElse => Call(e, "LEAVE", e.Actor.UserId, null),
            EventKind.MemberJoined when someoneElse => Channel(e, "ROOM_JOIN", e.Member?.UserId ?? e.Actor.UserId) with { Member = Member(e.Member) },
            EventKind.MemberLeft when someoneElse => Channel(e, "LEAVE", e.Member?.UserId ?? e.Actor.UserId) with { Member = Member(e.Member) },
            EventKind.ChannelClosed => Channel(e, "ROOM_CLOSE", e.Actor.UserId),
            EventKind.ChannelMessage => Channel(e, "CONTROL", e.Actor.UserId),
            _ => null,
        };
    }

    private static NimNotify WithPush(NimNotify notify, OfflinePushInfo? push) => push is null ? notify : notify with
    {
        NeedPush = true, PushTitle = push.Title, PushContent = push.Content, PushPayload = push.Payload, NeedBadge = push.Badge != 0,
    };

    private static readonly Dictionary<string, int> Codes = new()
    {
        ["ROOM_CLOSE"] = 1, ["ROOM_JOIN"] = 2, ["INVITE"] = 3, ["CANCEL_INVITE"] = 4, ["REJECT"] = 5, ["ACCEPT"] = 6, ["LEAVE"] = 7, ["CONTROL"] = 8,
    };

    private static bool Accepted(InvitationView view, string userId) =>
        view.Invitees.FirstOrDefault(i => i.UserId == userId)?.State == InviteeState.Accepted;

    /// <summary>
    /// A call event. A call made outside any channel (from another surface) reads as a channel named after its room,
    /// and its requestId is the invitation id, which signalingAccept/Reject accept back.
    /// </summary>
    private static NimNotify Call(SignalingEvent e, string type, string from, string? to)
    {
        var view = e.Invitation!;
        var notify = e.Channel is { } channel
            ? Channel(e, type, from, channel)
            : new NimNotify(type, Codes[type], view.RoomId, view.RoomId, view.CreatedAt.ToUnixTimeMilliseconds(),
                (view.ExpiresAt ?? view.CreatedAt).ToUnixTimeMilliseconds(), view.Inviter.UserId, view.MediaType == MediaType.Audio ? 1 : 2,
                from, e.Data ?? "", e.Time.ToUnixTimeMilliseconds(), Msgid(e));
        return notify with { To = to, RequestId = view.RequestId ?? view.Id };
    }

    private static NimNotify Channel(SignalingEvent e, string type, string from) => Channel(e, type, from, e.Channel!);

    private static NimNotify Channel(SignalingEvent e, string type, string from, ChannelView channel) =>
        new(type, Codes[type], channel.Name, channel.Id, channel.CreatedAt.ToUnixTimeMilliseconds(), channel.ExpiresAt.ToUnixTimeMilliseconds(),
            channel.Creator, NimChannel.TypeOf(channel.Type), from, e.Data ?? "", e.Time.ToUnixTimeMilliseconds(), Msgid(e));

    private static NimMember? Member(ChannelMember? member) => member is null ? null : NimMember.From(member);

    private static string Msgid(SignalingEvent e) => e.Sequence.ToString(CultureInfo.InvariantCulture);
}
