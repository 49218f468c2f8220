using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Signaling.Adapters.OpenIM.Callbacks;
using Signaling.Adapters.OpenIM.Requests;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Http.Streams;

namespace Signaling.Adapters.OpenIM;

/// <summary>
/// Canonical events as OnSignalingListener callbacks, following OpenIM's delivery rules (reference B.4): the
/// inviter gets one OnInvitationTimeout per invitee who timed out; the answering user's other platforms get
/// …ByOtherDevice; OnHangUp reaches everyone but the user who hung up; participants join on accept and leave on hang-up.
/// </summary>
public sealed class OpenIMEventRenderer : IEventRenderer
{
    public IReadOnlyList<EventFrame> Render(SignalingEvent e)
    {
        if (e.Invitation is not { } view)
        {
            return [];
        }

        var invitation = RtcInvite.From(view);
        var push = OpenIMOfflinePushInfo.From(view.OfflinePush);
        var platform = int.TryParse(e.Actor.DeviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        // The inviter's participant metadata, as its SDK sent it, so the ringing screen can name the caller (audit O-5).
        var byInviter = new SignalCallback(view.Inviter.UserId, invitation, push, Participant: Profile(view));
        var byActor = new SignalCallback(e.Actor.UserId, invitation, null, platform, e.Actor.UserId);
        var someoneElse = e.Recipient != e.Actor.UserId;
        return e.Kind switch
        {
            EventKind.InvitationReceived => [Frame("OnReceiveNewInvitation", byInviter)],
            // Answers reach the inviter only (audit O-6); other invitees of a group call see the room change.
            EventKind.InviteeAccepted when e.Recipient == view.Inviter.UserId =>
                [Frame("OnInviteeAccepted", byActor), Participants("OnRoomParticipantConnected", invitation, e.Actor.UserId)],
            EventKind.InviteeAccepted => [Participants("OnRoomParticipantConnected", invitation, e.Actor.UserId)],
            EventKind.InviteeRejected when e.Recipient == view.Inviter.UserId => [Frame("OnInviteeRejected", byActor)],
            EventKind.AnsweredElsewhere => [Frame(Answered(view, e) ? "OnInviteeAcceptedByOtherDevice" : "OnInviteeRejectedByOtherDevice", byActor)],
            EventKind.InvitationCancelled when someoneElse => [Frame("OnInvitationCancelled", byInviter)],
            EventKind.InvitationTimedOut when e.Recipient == view.Inviter.UserId =>
                (e.Users ?? []).Select(invitee => Frame("OnInvitationTimeout", byInviter with { UserID = invitee })).ToList(),
            EventKind.CallEnded when someoneElse =>
                [Frame("OnHangUp", byActor with { UserID = null }), Participants("OnRoomParticipantDisconnected", invitation, e.Actor.UserId)],
            _ => [],
        };
    }

    public byte[] WebSocketText(EventFrame frame, long sequence) => ListenerFrames.Wrap(frame, sequence);

    private static JsonElement? Profile(InvitationView view) =>
        view.InviterProfile is { } profile ? JsonDocument.Parse(profile).RootElement.Clone() : null;

    private static bool Answered(InvitationView view, SignalingEvent e) =>
        view.Invitees.FirstOrDefault(i => i.UserId == e.Actor.UserId)?.State == InviteeState.Accepted;

    private static EventFrame Participants(string name, RtcInvite invitation, string userId) =>
        Frame(name, new RoomParticipants(invitation, [new Participant(new PublicUserInfo(userId))], invitation.GroupID ?? ""), OpenIMJson.Frames.RoomParticipants);

    private static EventFrame Frame(string name, SignalCallback callback) => Frame(name, callback, OpenIMJson.Frames.SignalCallback);

    private static EventFrame Frame<T>(string name, T payload, JsonTypeInfo<T> type) => new(name, JsonSerializer.SerializeToUtf8Bytes(payload, type));
}
