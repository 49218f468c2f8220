using System.Globalization;
using System.Text.Json;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Tencent;

/// <summary>
/// Canonical invitation steps in Tencent's terms: actionType (A.4), the signaling info (seed 000), the custom
/// message with its routing (A.5). A step's msgID is "&lt;inviteID&gt;-&lt;step number&gt;", the same for every party.
/// </summary>
public static class TencentSignals
{
    public static int? ActionType(InvitationAction action) => action switch
    {
        InvitationAction.Invited => 1,
        InvitationAction.Cancelled => 2,
        InvitationAction.Accepted => 3,
        InvitationAction.Rejected => 4,
        InvitationAction.TimedOut => 5,
        _ => null, // Modify and hang-up leave no signaling message in Tencent's model.
    };

    public static string MessageId(string inviteId, int step) => string.Create(CultureInfo.InvariantCulture, $"{inviteId}-{step}");

    public static bool TryParseMessageId(string msgId, out string inviteId, out int step)
    {
        var dash = msgId.LastIndexOf('-');
        inviteId = dash > 0 ? msgId[..dash] : "";
        step = 0;
        return dash > 0 && int.TryParse(msgId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }

    /// <summary>The action an event reports, as seen from its recipient; null for events that are not signaling actions.</summary>
    public static InvitationAction? ActionOf(SignalingEvent e) => e.Kind switch
    {
        EventKind.InvitationReceived or EventKind.InvitationSent => InvitationAction.Invited,
        EventKind.InvitationCancelled => InvitationAction.Cancelled,
        EventKind.InviteeAccepted => InvitationAction.Accepted,
        EventKind.InviteeRejected => InvitationAction.Rejected,
        EventKind.InvitationTimedOut => InvitationAction.TimedOut,
        EventKind.AnsweredElsewhere => e.Invitation?.Invitees.FirstOrDefault(i => i.UserId == e.Actor.UserId)?.State == InviteeState.Accepted
            ? InvitationAction.Accepted
            : InvitationAction.Rejected,
        _ => null,
    };

    /// <summary>The signaling info of one action; null when the action has no Tencent action type.</summary>
    public static V2TimSignalingInfo? Info(InvitationView invitation, InvitationAction action, Actor actor, IReadOnlyList<string> users, string data)
    {
        if (ActionType(action) is not { } actionType)
        {
            return null;
        }

        // Invite and cancel carry the whole list; an answer names the answering invitee; a timeout the ones who timed out.
        IReadOnlyList<string> invitees = action switch
        {
            InvitationAction.Accepted or InvitationAction.Rejected => [actor.UserId],
            InvitationAction.TimedOut => users,
            _ => invitation.Invitees.Select(i => i.UserId).ToList(),
        };
        var invite = action == InvitationAction.Invited;
        return new V2TimSignalingInfo(
            invitation.Id, invitation.Inviter.UserId, invitees, invitation.GroupId ?? "", data,
            invite ? invitation.TimeoutSeconds : 0, actionType, 1, invitation.OnlineUserOnly,
            invite ? V2TimOfflinePushInfo.From(invitation.OfflinePush) : null);
    }

    /// <summary>The history message a durable event stands for; null for online-only invitations and non-signaling events.</summary>
    public static TencentMessage? Message(SignalingEvent e)
    {
        if (e.Invitation is not { OnlineUserOnly: false } invitation || e.Step is not { } step || ActionOf(e) is not { } action
            || Info(invitation, action, e.Actor, e.Users ?? [], e.Data ?? "") is not { } info)
        {
            return null;
        }

        var payload = new SignalingPayload(
            1, info.InviteID!, info.GroupID!, info.Inviter!, info.InviteeList!, info.Data!, info.Timeout, info.ActionType, false);

        // Routing (A.5): group actions go to the group; invite, cancel and timeout go from the inviter to the first
        // invitee; an answer goes from the invitee to the inviter.
        var answer = action is InvitationAction.Accepted or InvitationAction.Rejected;
        var sender = answer ? e.Actor.UserId : invitation.Inviter.UserId;
        var peer = invitation.GroupId is not null ? null : answer ? invitation.Inviter.UserId : info.InviteeList!.FirstOrDefault();
        return new TencentMessage(
            MessageId(invitation.Id, step), e.Sequence.ToString(CultureInfo.InvariantCulture), e.Time.ToUnixTimeSeconds(), sender, peer, invitation.GroupId, 2,
            new TencentCustomElem(JsonSerializer.Serialize(payload, TencentJson.Wire), "", ""));
    }
}
