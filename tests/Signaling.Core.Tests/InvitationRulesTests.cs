using Signaling.Core.Ports;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Core.Tests;

public sealed class InvitationRulesTests : IAsyncLifetime
{
    private readonly CoreHarness _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task Invite_RingsInvitee_AndMakesRoomWhenEmpty()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);

        var received = Assert.Single(await _core.EventsOf("bob"));
        Assert.Equal(EventKind.InvitationReceived, received.Kind);
        Assert.Equal(invitation.Id, received.InvitationId);
        Assert.Equal("alice", received.Actor.UserId);
        Assert.Equal(32, invitation.RoomId.Length);
        var sent = Assert.Single(await _core.EventsOf("alice"));
        Assert.Equal(EventKind.InvitationSent, sent.Kind);
        Assert.Equal(1, sent.Step);
    }

    [Fact]
    public async Task Accept_TellsInviter_AndOtherDevicesOfTheAnsweringUser()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);

        var accepted = await _core.Invitations.AcceptAsync(new Actor("bob", "phone"), invitation.Id, "ok");

        Assert.True(accepted.IsSuccess);
        Assert.Equal(InvitationStatus.Connected, accepted.Value.Status);
        var toAlice = (await _core.EventsOf("alice")).Last();
        Assert.Equal(EventKind.InviteeAccepted, toAlice.Kind);
        Assert.Equal(2, toAlice.Step);
        Assert.Equal("ok", toAlice.Data);
        Assert.Equal(["bob"], toAlice.Users);
        var elsewhere = (await _core.EventsOf("bob")).Last();
        Assert.Equal(EventKind.AnsweredElsewhere, elsewhere.Kind);
        Assert.False(elsewhere.IsVisibleOn("phone"));
        Assert.True(elsewhere.IsVisibleOn("tablet"));
    }

    [Theory]
    [InlineData("accept", "accept", SignalingErrorCode.AlreadyAccepted)]
    [InlineData("accept", "reject", SignalingErrorCode.AlreadyAccepted)]
    [InlineData("accept", "cancel", SignalingErrorCode.AlreadyAccepted)]
    [InlineData("reject", "accept", SignalingErrorCode.AlreadyRejected)]
    [InlineData("reject", "cancel", SignalingErrorCode.AlreadyRejected)]
    [InlineData("cancel", "accept", SignalingErrorCode.AlreadyCancelled)]
    [InlineData("cancel", "reject", SignalingErrorCode.AlreadyCancelled)]
    [InlineData("cancel", "cancel", SignalingErrorCode.AlreadyCancelled)]
    public async Task SecondTerminalAction_GetsPreciseError_AndChangesNothing(string first, string second, SignalingErrorCode expected)
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);
        Assert.True((await Act(first, invitation.Id)).IsSuccess);
        var before = await _core.Store.GetInvitationAsync(invitation.Id);
        var eventsBefore = (await _core.EventsOf("alice")).Count + (await _core.EventsOf("bob")).Count;

        var result = await Act(second, invitation.Id);

        Assert.Equal(expected, result.Error?.Code);
        var after = await _core.Store.GetInvitationAsync(invitation.Id);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal(eventsBefore, (await _core.EventsOf("alice")).Count + (await _core.EventsOf("bob")).Count);
    }

    [Fact]
    public async Task Outsiders_AreDenied()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);

        Assert.Equal(SignalingErrorCode.PermissionDenied, (await _core.Invitations.AcceptAsync(new Actor("carol"), invitation.Id, null)).Error?.Code);
        Assert.Equal(SignalingErrorCode.PermissionDenied, (await _core.Invitations.CancelAsync(new Actor("bob"), invitation.Id, null)).Error?.Code);
        Assert.Equal(SignalingErrorCode.PermissionDenied, (await _core.Invitations.GetAsync(new Actor("carol"), invitation.Id)).Error?.Code);
        Assert.Equal(SignalingErrorCode.InvitationNotFound, (await _core.Invitations.AcceptAsync(new Actor("bob"), "missing", null)).Error?.Code);
    }

    [Fact]
    public async Task Timeout_FiresOnServerClock_ForInviterAndPendingInvitees()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 2);

        _core.Clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, await _core.Timeouts.FireDueAsync(CancellationToken.None));
        _core.Clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, await _core.Timeouts.FireDueAsync(CancellationToken.None));

        var toAlice = (await _core.EventsOf("alice")).Last();
        Assert.Equal(EventKind.InvitationTimedOut, toAlice.Kind);
        Assert.Equal(Actor.Server, toAlice.Actor);
        Assert.Equal(["bob"], toAlice.Users);
        Assert.Equal(EventKind.InvitationTimedOut, (await _core.EventsOf("bob")).Last().Kind);
        var late = await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null);
        Assert.Equal(SignalingErrorCode.Expired, late.Error?.Code);
    }

    [Fact]
    public async Task IsRingingFor_OnlyPendingInviteesBeforeExpiry()
    {
        var invitation = await _core.InviteAsync("alice", ["bob", "carol"], timeoutSeconds: 2);
        await _core.Invitations.RejectAsync(new Actor("carol"), invitation.Id, null);
        var stored = (await _core.Store.GetInvitationAsync(invitation.Id))!;
        var now = _core.Clock.GetUtcNow();

        Assert.True(stored.IsRingingFor("bob", now));
        Assert.False(stored.IsRingingFor("carol", now));
        Assert.False(stored.IsRingingFor("alice", now));
        Assert.False(stored.IsRingingFor("bob", now.AddSeconds(2)));
    }

    /// <summary>
    /// The timeout index keeps whole milliseconds: a poll inside the due millisecond but before the due instant claims
    /// the timeout too early. It must still fire at the next poll, not a claim's lease (30 s) later — found as a flaky
    /// contract-kit run in CI, where a group invitation's 1 s timeout never arrived.
    /// </summary>
    [Fact]
    public async Task ATimeoutClaimedWithinItsDueMillisecond_ButEarly_FiresAtTheNextPoll()
    {
        _core.Clock.Advance(TimeSpan.FromTicks(5_000)); // Half a millisecond past a whole one.
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 2);

        _core.Clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(2_000)); // Same millisecond as the due time, 0.2 ms early.
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        var early = await _core.EventsOf("bob");
        _core.Clock.Advance(TimeSpan.FromMilliseconds(50)); // The worker's next poll.
        await _core.Timeouts.FireDueAsync(CancellationToken.None);

        Assert.DoesNotContain(early, e => e.Kind == EventKind.InvitationTimedOut);
        Assert.Single(await _core.EventsOf("bob"), e => e.Kind == EventKind.InvitationTimedOut && e.Invitation?.Id == invitation.Id);
    }

    [Fact]
    public async Task AcceptAfterExpiry_BeforeTheTimeoutFired_IsExpired()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 2);
        _core.Clock.Advance(TimeSpan.FromSeconds(3));

        var late = await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null);

        Assert.Equal(SignalingErrorCode.Expired, late.Error?.Code);
    }

    /// <summary>Issue #11 item 9: reads and answers agree at every instant, the worker's poll notwithstanding.</summary>
    [Fact]
    public async Task ReadAfterExpiry_BeforeTheWorkerRan_ShowsTheTimeout_AndTellsEveryoneOnce()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 2);
        _core.Clock.Advance(TimeSpan.FromSeconds(3));

        var read = await _core.Invitations.GetAsync(new Actor("alice"), invitation.Id);
        var fired = await _core.Timeouts.FireDueAsync(CancellationToken.None);

        Assert.Equal(InviteeState.TimedOut, read.Value!.FindInvitee("bob")!.State);
        Assert.Equal(InvitationStatus.Ended, read.Value.Status);
        Assert.Equal(1, (await _core.KindsOf("bob")).Count(k => k == EventKind.InvitationTimedOut));
        Assert.True(fired <= 1);
    }

    /// <summary>Issue #12: a connected call nobody hangs up ends after MaxCallDuration; a group call still rings for the others meanwhile.</summary>
    [Fact]
    public async Task ConnectedGroupCall_TimesOutThePendingInvitee_ThenEndsWhenOverlong()
    {
        _core.Options.MaxCallDuration = TimeSpan.FromSeconds(60);
        var invitation = await _core.InviteAsync("alice", ["bob", "carol"], timeoutSeconds: 30);
        await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null);

        _core.Clock.Advance(TimeSpan.FromSeconds(31));
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        var ringingOver = (await _core.Invitations.GetAsync(new Actor("alice"), invitation.Id)).Value!;
        _core.Clock.Advance(TimeSpan.FromSeconds(30));
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        var callOver = (await _core.Invitations.GetAsync(new Actor("alice"), invitation.Id)).Value!;

        Assert.Equal((InvitationStatus.Connected, InviteeState.TimedOut), (ringingOver.Status, ringingOver.FindInvitee("carol")!.State));
        Assert.Equal(InvitationStatus.Ended, callOver.Status);
        Assert.Equal(EventKind.CallEnded, (await _core.EventsOf("bob")).Last().Kind);
        Assert.Equal(EventKind.CallEnded, (await _core.EventsOf("alice")).Last().Kind);
    }

    [Fact]
    public async Task Timeout_AfterAnswer_FiresNothing()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 2);
        await _core.Invitations.RejectAsync(new Actor("bob"), invitation.Id, null);
        _core.Clock.Advance(TimeSpan.FromSeconds(5));

        await _core.Timeouts.FireDueAsync(CancellationToken.None);

        Assert.DoesNotContain(EventKind.InvitationTimedOut, await _core.KindsOf("alice"));
    }

    [Fact]
    public async Task Timeout_SurvivesRestart_AndFiresOnce()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"], timeoutSeconds: 3);

        await _core.RestartAsync();
        _core.Clock.Advance(TimeSpan.FromSeconds(10));
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        await _core.RestartAsync();
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        await _core.Invitations.FireTimeoutAsync(invitation.Id);

        Assert.Equal([EventKind.InvitationReceived, EventKind.InvitationTimedOut], await _core.KindsOf("bob"));
        Assert.Equal([EventKind.InvitationSent, EventKind.InvitationTimedOut], await _core.KindsOf("alice"));
    }

    [Fact]
    public async Task HangUp_EndsTheCallForEveryone_AndFreesTheLine()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);
        await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null);

        var busy = await _core.Invitations.InviteAsync(new Actor("carol"), new InviteRequest { Invitees = ["bob"] });
        var hungUp = await _core.Invitations.HangUpAsync(new Actor("alice"), invitation.Id, "bye");
        var free = await _core.Invitations.InviteAsync(new Actor("carol"), new InviteRequest { Invitees = ["bob"] });

        Assert.Equal(["bob"], busy.Value!.Busy);
        Assert.Empty(busy.Value.Invitation.Invitees);
        Assert.Equal(InvitationStatus.Ended, hungUp.Value!.Status);
        Assert.Equal(EventKind.CallEnded, (await _core.EventsOf("bob")).Single(e => e.InvitationId == invitation.Id && e.Kind == EventKind.CallEnded).Kind);
        Assert.Empty(free.Value!.Busy);
        Assert.Equal(SignalingErrorCode.CallEnded, (await _core.Invitations.HangUpAsync(new Actor("bob"), invitation.Id, null)).Error?.Code);
    }

    [Fact]
    public async Task HangUp_BeforeAnyoneAccepted_IsRefused()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);

        Assert.Equal(SignalingErrorCode.CallNotConnected, (await _core.Invitations.HangUpAsync(new Actor("alice"), invitation.Id, null)).Error?.Code);
        Assert.Equal(SignalingErrorCode.PermissionDenied, (await _core.Invitations.HangUpAsync(new Actor("carol"), invitation.Id, null)).Error?.Code);
    }

    [Fact]
    public async Task GroupCall_AnswersReachInviterAndOtherInvitees_AndStragglersTimeOut()
    {
        var invitation = await _core.InviteAsync("alice", ["bob", "carol", "dave"], timeoutSeconds: 30);

        await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null);
        await _core.Invitations.RejectAsync(new Actor("carol"), invitation.Id, null);
        _core.Clock.Advance(TimeSpan.FromSeconds(30));
        await _core.Timeouts.FireDueAsync(CancellationToken.None);

        Assert.Equal([EventKind.InvitationSent, EventKind.InviteeAccepted, EventKind.InviteeRejected, EventKind.InvitationTimedOut], await _core.KindsOf("alice"));
        Assert.Contains(EventKind.InviteeAccepted, await _core.KindsOf("carol"));
        Assert.Contains(EventKind.InviteeRejected, await _core.KindsOf("bob"));
        Assert.Equal(["dave"], (await _core.EventsOf("alice")).Last().Users);
        var stored = await _core.Store.GetInvitationAsync(invitation.Id);
        Assert.Equal(InvitationStatus.Connected, stored!.Status);
    }

    [Fact]
    public async Task Cancel_TellsOnlyPendingInvitees()
    {
        var invitation = await _core.InviteAsync("alice", ["bob", "carol"]);
        await _core.Invitations.RejectAsync(new Actor("bob"), invitation.Id, null);

        await _core.Invitations.CancelAsync(new Actor("alice"), invitation.Id, "never mind");

        Assert.DoesNotContain(EventKind.InvitationCancelled, await _core.KindsOf("bob"));
        Assert.Equal("never mind", (await _core.EventsOf("carol")).Last(e => e.Kind == EventKind.InvitationCancelled).Data);
        Assert.Equal(EventKind.InvitationCancelled, (await _core.EventsOf("alice")).Last().Kind);
    }

    [Fact]
    public async Task EveryAction_IsRecordedAsANumberedStep()
    {
        var invitation = await _core.InviteAsync("alice", ["bob", "carol"], timeoutSeconds: 30);
        await _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, "yes");
        await _core.Invitations.ModifyAsync(new Actor("alice"), invitation.Id, "new topic");
        _core.Clock.Advance(TimeSpan.FromSeconds(30));
        await _core.Timeouts.FireDueAsync(CancellationToken.None);
        await _core.Invitations.HangUpAsync(new Actor("bob"), invitation.Id, "bye");

        var stored = (await _core.Store.GetInvitationAsync(invitation.Id))!;

        Assert.Equal(
            [InvitationAction.Invited, InvitationAction.Accepted, InvitationAction.Modified, InvitationAction.TimedOut, InvitationAction.HungUp],
            stored.History.Select(s => s.Action));
        Assert.Equal(["bob", "carol"], stored.FindStep(1)!.Users);
        Assert.Equal("yes", stored.FindStep(2)!.Data);
        Assert.Equal(["carol"], stored.FindStep(4)!.Users);
        Assert.Equal(5, (await _core.EventsOf("alice")).Last().Step);
        Assert.Null(stored.FindStep(6));
    }

    [Fact]
    public async Task Modify_OnlyByTheInviter_NotOnlineOnly_TellsEveryoneStillIn()
    {
        var invitation = await _core.InviteAsync("alice", ["bob"]);
        var onlineOnly = (await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["carol"], OnlineUserOnly = true })).Value!;

        var byInvitee = await _core.Invitations.ModifyAsync(new Actor("bob"), invitation.Id, "x");
        var ofOnlineOnly = await _core.Invitations.ModifyAsync(new Actor("alice"), onlineOnly.Invitation.Id, "x");
        var modified = await _core.Invitations.ModifyAsync(new Actor("alice"), invitation.Id, "new data");

        Assert.Equal(SignalingErrorCode.PermissionDenied, byInvitee.Error?.Code);
        Assert.Equal(SignalingErrorCode.InvalidArgument, ofOnlineOnly.Error?.Code);
        Assert.Equal("new data", modified.Value!.Data);
        var toBob = (await _core.EventsOf("bob")).Last();
        Assert.Equal(EventKind.InvitationModified, toBob.Kind);
        Assert.Equal("new data", toBob.Data);
    }

    [Fact]
    public async Task OnlineOnlyInvitation_RingsOnlyInviteesOnlineNow()
    {
        await _core.Presence.ConnectAsync(new LiveConnection("bob-phone", "bob", _core.Clock.GetUtcNow().AddMinutes(1)));

        var result = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob", "carol"], OnlineUserOnly = true });

        Assert.Equal([EventKind.InvitationReceived], await _core.KindsOf("bob"));
        Assert.Empty(await _core.EventsOf("carol"));
        Assert.Equal(InviteeState.Pending, result.Value!.Invitation.FindInvitee("carol")!.State);
    }

    [Fact]
    public async Task RacingAcceptAndCancel_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var invitation = await _core.InviteAsync("alice", ["bob"]);

            var results = await Task.WhenAll(
                _core.Invitations.AcceptAsync(new Actor("bob"), invitation.Id, null),
                _core.Invitations.CancelAsync(new Actor("alice"), invitation.Id, null));

            Assert.Single(results, r => r.IsSuccess);
            var loser = results.Single(r => !r.IsSuccess).Error!.Code;
            Assert.Contains(loser, new[] { SignalingErrorCode.AlreadyAccepted, SignalingErrorCode.AlreadyCancelled });
            await _core.Invitations.HangUpAsync(new Actor("alice"), invitation.Id, null);
        }
    }

    [Fact]
    public async Task RequestId_RetryReturnsTheSameInvitation()
    {
        var request = new InviteRequest { Invitees = ["bob"], RequestId = "req-1" };

        var first = await _core.Invitations.InviteAsync(new Actor("alice"), request);
        var retry = await _core.Invitations.InviteAsync(new Actor("alice"), request);

        Assert.False(first.Value!.Replayed);
        Assert.True(retry.Value!.Replayed);
        Assert.Equal(first.Value.Invitation.Id, retry.Value.Invitation.Id);
        Assert.Single(await _core.EventsOf("bob"));
    }

    [Theory]
    [InlineData(new string[0], "invitees")]
    [InlineData(new[] { "alice" }, "invitees")]
    [InlineData(new[] { "has space" }, "invitees")]
    public async Task Invite_InvalidInvitees_AreRefused(string[] invitees, string field)
    {
        var result = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = invitees });

        Assert.Equal(SignalingErrorCode.InvalidArgument, result.Error?.Code);
        Assert.Equal(field, result.Error?.Field);
    }

    [Fact]
    public async Task Invite_TimeoutOverTheConfiguredMaximum_IsRefused()
    {
        var result = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], TimeoutSeconds = _core.Options.MaxTimeoutSeconds + 1 });

        Assert.Equal(("timeoutSeconds", SignalingErrorCode.InvalidArgument), (result.Error?.Field, result.Error?.Code));
    }

    [Fact]
    public async Task Invite_DataOver12KB_IsTooLarge_AndNothingIsStored()
    {
        var result = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], Data = new string('x', Limits.MaxDataBytes + 1) });

        Assert.Equal(SignalingErrorCode.PayloadTooLarge, result.Error?.Code);
        Assert.Empty(await _core.EventsOf("bob"));
    }

    [Fact]
    public async Task OnlineOnlyInvitation_EventsEndWithTheInvitation_DurableOnesStay()
    {
        var onlineOnly = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], OnlineUserOnly = true });
        var durable = await _core.InviteAsync("alice", ["bob"]);
        await _core.Invitations.RejectAsync(new Actor("bob"), onlineOnly.Value!.Invitation.Id, null);
        await _core.Invitations.RejectAsync(new Actor("bob"), durable.Id, null);

        await _core.Log.PurgeExpiredAsync(_core.Clock.GetUtcNow() + _core.Options.EndedGrace + TimeSpan.FromSeconds(1));

        Assert.All(await _core.EventsOf("bob"), e => Assert.Equal(durable.Id, e.InvitationId));
    }

    private Task<Result<Invitation>> Act(string action, string id) => action switch
    {
        "accept" => _core.Invitations.AcceptAsync(new Actor("bob"), id, null),
        "reject" => _core.Invitations.RejectAsync(new Actor("bob"), id, null),
        "cancel" => _core.Invitations.CancelAsync(new Actor("alice"), id, null),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
