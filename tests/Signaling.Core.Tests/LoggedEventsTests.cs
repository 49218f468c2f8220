using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Core.Tests;

/// <summary>
/// Issue #16: the log keeps a call's event without its copy of the invitation only when that copy can be restored; the
/// store specification checks the restored copies, these the cases where the copy must stay.
/// </summary>
public sealed class LoggedEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnEventOfAStepTheCommitSaves_IsLoggedWithoutTheCopy()
    {
        var invitation = Ringing();
        var commit = new Commit { Invitations = { invitation } };

        var logged = LoggedEvents.Compact(EventOf(invitation), commit);

        Assert.Null(logged.Invitation);
        Assert.Equal(invitation.ToView().Invitees, invitation.ViewAt(1)!.Invitees);
    }

    /// <summary>An in-call message commits no invitation: nothing in the commit says its step is kept, so it stays whole.</summary>
    [Fact]
    public void AnEventWhoseInvitationTheCommitDoesNotSave_KeepsItsCopy()
    {
        var invitation = Ringing();

        Assert.NotNull(LoggedEvents.Compact(EventOf(invitation), new Commit()).Invitation);
    }

    /// <summary>An invitation made by an earlier version has steps without their outcome: its events cannot be restored from it.</summary>
    [Fact]
    public void AnEventOfAStepRecordedWithoutItsOutcome_KeepsItsCopy()
    {
        var invitation = Ringing();
        invitation.History[0] = invitation.History[0] with { Status = null, States = null };

        Assert.NotNull(LoggedEvents.Compact(EventOf(invitation), new Commit { Invitations = { invitation } }).Invitation);
        Assert.Null(invitation.ViewAt(1));
        Assert.Null(invitation.ViewAt(2));
    }

    private static Invitation Ringing()
    {
        var invitation = new Invitation { Id = "inv-1", Inviter = new Actor("alice"), Invitees = [new Invitee { UserId = "bob" }], RoomId = "room", CreatedAt = Now };
        invitation.Ring(Now, new HashSet<string>());
        return invitation;
    }

    private static SignalingEvent EventOf(Invitation invitation) => new()
    {
        Recipient = "bob", Kind = EventKind.InvitationReceived, Time = Now, Actor = invitation.Inviter,
        InvitationId = invitation.Id, Invitation = invitation.ToView(), Step = invitation.History.Count,
    };
}
