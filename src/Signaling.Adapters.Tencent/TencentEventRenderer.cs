using System.Text.Json;
using Signaling.Adapters.Tencent.Callbacks;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Http.Streams;

namespace Signaling.Adapters.Tencent;

/// <summary>
/// Canonical events as V2TIMSignalingListener callbacks (reference A.6), with the SDK's parameter names. Like the
/// SDK, an invitation whose timeout has already passed is not announced. A call's end arrives as the call kit's
/// hang-up invite. Events with no Tencent callback are skipped.
/// </summary>
public sealed class TencentEventRenderer(TimeProvider clock) : IEventRenderer
{
    public IReadOnlyList<EventFrame> Render(SignalingEvent e) => RenderOne(e) is { } frame ? [frame] : [];

    private EventFrame? RenderOne(SignalingEvent e)
    {
        if (e.Invitation is not { } invitation)
        {
            return null;
        }

        var data = e.Data ?? "";
        return e.Kind switch
        {
            EventKind.InvitationReceived when invitation.ExpiresAt is not { } expires || expires > clock.GetUtcNow() =>
                Frame("onReceiveNewInvitation", new OnReceiveNewInvitation(
                    invitation.Id, invitation.Inviter.UserId, invitation.GroupId ?? "", invitation.Invitees.Select(i => i.UserId).ToList(), invitation.Data),
                    TencentJson.Frames.OnReceiveNewInvitation),
            EventKind.InviteeAccepted => Answer("onInviteeAccepted", invitation, e.Actor.UserId, data),
            EventKind.InviteeRejected => Answer("onInviteeRejected", invitation, e.Actor.UserId, data),

            // The user's other devices see their own answer as the SDK's multi-device sync shows it.
            EventKind.AnsweredElsewhere => Answer(
                TencentSignals.ActionOf(e) == InvitationAction.Accepted ? "onInviteeAccepted" : "onInviteeRejected", invitation, e.Actor.UserId, data),
            EventKind.InvitationCancelled =>
                Frame("onInvitationCancelled", new OnInvitationCancelled(invitation.Id, invitation.Inviter.UserId, data), TencentJson.Frames.OnInvitationCancelled),
            EventKind.InvitationTimedOut =>
                Frame("onInvitationTimeout", new OnInvitationTimeout(invitation.Id, e.Users ?? [], invitation.Inviter.UserId, invitation.GroupId ?? "",
                    e.Recipient != invitation.Inviter.UserId && e.Users?.Contains(e.Recipient) == true), TencentJson.Frames.OnInvitationTimeout),
            // Tencent has no hang-up event: a call kit learns of one from an invite whose data holds call_end. So a
            // call hung up on any surface reaches the others in it as that invite (TencentCallKit).
            EventKind.CallEnded when e.Actor.UserId != e.Recipient =>
                Frame("onReceiveNewInvitation", new OnReceiveNewInvitation(
                    $"{invitation.Id}-hangup", e.Actor.UserId, invitation.GroupId ?? "", [e.Recipient], TencentCallKit.HangUpData(e.Data, invitation)),
                    TencentJson.Frames.OnReceiveNewInvitation),
            EventKind.InvitationModified =>
                Frame("onInvitationModified", new OnInvitationModified(invitation.Id, data), TencentJson.Frames.OnInvitationModified),
            _ => null,
        };
    }

    /// <summary>A WebSocket frame names the callback and carries the sequence: <c>{"event":…,"id":…,"data":{…}}</c>.</summary>
    public byte[] WebSocketText(EventFrame frame, long sequence) => ListenerFrames.Wrap(frame, sequence);

    private static EventFrame Answer(string name, InvitationView invitation, string invitee, string data) =>
        Frame(name, new OnInviteeAnswered(invitation.Id, invitee, data, invitation.Inviter.UserId, invitation.GroupId ?? ""), TencentJson.Frames.OnInviteeAnswered);

    private static EventFrame Frame<T>(string name, T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(name, JsonSerializer.SerializeToUtf8Bytes(payload, type));
}
