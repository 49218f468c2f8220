using System.Text.Json;
using Signaling.Adapters.Agora.Callbacks;
using Signaling.Adapters.Agora.Requests;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Users;
using Signaling.Http.Streams;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Canonical events as the SDK's callbacks (reference B.4), one frame per callback. The SDK reports a session's own
/// actions back to it (onInviteEndByMyself, onChannelJoined, onChannelLeaved), so the callback stream also sees what its
/// own session did. A call's channelID is its media room; the peer is the other side of the call.
/// </summary>
public sealed class AgoraEventRenderer : IEventRenderer
{
    /// <summary>onChannelUserList holds at most this many of the most recent members.</summary>
    public const int UserListSize = 200;

    public IReadOnlyList<EventFrame> Render(SignalingEvent e)
    {
        var mine = e.Actor.UserId == e.Recipient;
        return e.Kind switch
        {
            EventKind.RequestResult => [Result(e.Data)],
            EventKind.SessionEnded => [Frame("onLogout", new AgoraCallback { Ecode = e.Data == SessionService.Kicked ? 103 : 101 })],
            EventKind.PeerMessage => [Frame("onMessageInstantReceive", new AgoraCallback { Account = e.Actor.UserId, Uid = 0, Msg = e.Data })],
            EventKind.ChannelMessage => [Frame("onMessageChannelReceive", new AgoraCallback { ChannelID = e.Channel!.Name, Account = e.Actor.UserId, Uid = 0, Msg = e.Data })],
            EventKind.InvitationReceived => [Call("onInviteReceived", e, e.Invitation!.Inviter.UserId, e.Data)],
            EventKind.InvitationDelivered => (e.Users ?? []).Select(peer => Call("onInviteReceivedByPeer", e, peer, null)).ToList(),
            EventKind.InviteeAccepted => [Call("onInviteAcceptedByPeer", e, e.Actor.UserId, e.Data)],
            EventKind.InviteeRejected => [Call("onInviteRefusedByPeer", e, e.Actor.UserId, e.Data)],
            EventKind.InvitationFailed => (e.Users ?? []).Select(peer => Failed(e, peer, AgoraErrorMap.PeerOffline)).ToList(),
            EventKind.InvitationTimedOut when e.Recipient == e.Invitation!.Inviter.UserId =>
                (e.Users ?? []).Select(peer => Failed(e, peer, InviteExtra.HasTimeout(e.Invitation.Data) ? AgoraErrorMap.InviteTimeout : AgoraErrorMap.PeerOffline)).ToList(),
            EventKind.InvitationCancelled or EventKind.CallEnded when mine => Peers(e).Select(peer => Call("onInviteEndByMyself", e, peer, null)).ToList(),
            EventKind.InvitationCancelled or EventKind.CallEnded => [Call("onInviteEndByPeer", e, e.Actor.UserId, e.Data)],
            EventKind.InvitationMessage => [Frame("onInviteMsg", Payload(e, e.Actor.UserId, "") with { MsgType = "dtmf", MsgData = e.Data })],
            EventKind.MemberJoined when e.Member?.UserId == e.Recipient => Joined(e),
            EventKind.MemberJoined => [Frame("onChannelUserJoined", new AgoraCallback { ChannelID = e.Channel!.Name, Account = e.Member?.UserId, Uid = 0 })],
            EventKind.MemberLeft when e.Member?.UserId == e.Recipient =>
                [Frame("onChannelLeaved", new AgoraCallback { ChannelID = e.Channel!.Name, Ecode = mine ? 602 : 601 })],
            EventKind.MemberLeft => [Frame("onChannelUserLeaved", new AgoraCallback { ChannelID = e.Channel!.Name, Account = e.Member?.UserId, Uid = 0 })],
            EventKind.ChannelClosed => [Frame("onChannelLeaved", new AgoraCallback { ChannelID = e.Channel!.Name, Ecode = 600 })],
            EventKind.ChannelAttributesChanged => [Frame("onChannelAttrUpdated", new AgoraCallback
            {
                ChannelID = e.Channel!.Name, Name = e.AttributeName ?? "", Value = e.AttributeValue ?? "",
                Type = e.AttributeName is null ? "clear" : e.AttributeValue is null ? "del" : "update",
            })],
            _ => [],
        };
    }

    public byte[] WebSocketText(EventFrame frame, long sequence) => ListenerFrames.Wrap(frame, sequence);

    /// <summary>What the SDK gives a session that joined: onChannelJoined, onChannelUserList (the latest 200), then every attribute as "update".</summary>
    private static List<EventFrame> Joined(SignalingEvent e)
    {
        var channel = e.Channel!;
        var members = channel.Members.OrderByDescending(m => m.JoinedAt).Take(UserListSize).Reverse().ToList();
        var frames = new List<EventFrame>
        {
            Frame("onChannelJoined", new AgoraCallback { ChannelID = channel.Name }),
            Frame("onChannelUserList", new AgoraCallback
            {
                ChannelID = channel.Name, Accounts = members.Select(m => m.UserId).ToList(), Uids = members.Select(_ => 0).ToList(),
                List = members.Select(m => new object[] { m.UserId, 0 }).ToList(),
            }),
        };
        frames.AddRange(channel.Attributes.Select(a =>
            Frame("onChannelAttrUpdated", new AgoraCallback { ChannelID = channel.Name, Name = a.Key, Value = a.Value, Type = "update" })));
        return frames;
    }

    /// <summary>The other side of a call I ended: my invitees when I placed it, else its inviter.</summary>
    private static IEnumerable<string> Peers(SignalingEvent e) =>
        e.Invitation!.Inviter.UserId == e.Recipient ? e.Invitation.Invitees.Select(i => i.UserId) : [e.Invitation.Inviter.UserId];

    private static EventFrame Failed(SignalingEvent e, string peer, int ecode) => Frame("onInviteFailed", Payload(e, peer, e.Invitation!.Data) with { Ecode = ecode });

    private static EventFrame Call(string name, SignalingEvent e, string account, string? extra) => Frame(name, Payload(e, account, extra));

    private static AgoraCallback Payload(SignalingEvent e, string account, string? extra) =>
        new() { ChannelID = e.Invitation!.RoomId, Account = account, Uid = 0, Extra = extra };

    private static EventFrame Frame(string name, AgoraCallback callback) => new(name, JsonSerializer.SerializeToUtf8Bytes(callback, AgoraJson.Frames.AgoraCallback));

    /// <summary>A result callback (<see cref="AgoraResultCallbacks"/>): the payload names the callback and holds its arguments.</summary>
    private static EventFrame Result(string? payload)
    {
        using var json = JsonDocument.Parse(payload ?? "{}");
        return new EventFrame(json.RootElement.GetProperty("callback").GetString()!, JsonSerializer.SerializeToUtf8Bytes(json.RootElement.GetProperty("args"), AgoraJson.Frames.JsonElement));
    }
}
