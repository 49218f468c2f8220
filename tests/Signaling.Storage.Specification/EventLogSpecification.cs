using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>The event log's contract: per-user gap-free sequences, ordered reads after a cursor, retention, wake-ups.</summary>
public abstract class EventLogSpecification : StorageSpecification
{
    [Fact]
    public async Task Append_AssignsEachUserTheirOwnSequence()
    {
        var result = await AppendAsync(NewEvent("bob"), NewEvent("carol"), NewEvent("bob"));

        Assert.Equal([1L, 1L, 2L], result.Appended.Select(e => e.Sequence));
        Assert.Equal(2, await Storage.Log.GetLastSequenceAsync("bob"));
        Assert.Equal(1, await Storage.Log.GetLastSequenceAsync("carol"));
        Assert.Equal(0, await Storage.Log.GetLastSequenceAsync("nobody"));
    }

    [Fact]
    public async Task Read_ReturnsEventsAfterCursorInOrder_UpToMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(NewEvent("bob") with { Data = $"m{i}" });
        }

        var page = await Storage.Log.ReadAsync("bob", after: 1, max: 3);

        Assert.Equal([2L, 3L, 4L], page.Select(e => e.Sequence));
        Assert.Equal(["m1", "m2", "m3"], page.Select(e => e.Data));
        Assert.Empty(await Storage.Log.ReadAsync("bob", after: 5, max: 10));
    }

    [Fact]
    public async Task Append_ConcurrentCommits_GiveContiguousUniqueSequences()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => AppendAsync(NewEvent("bob"))));

        var all = await Storage.Log.ReadAsync("bob", 0, 100);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Purge_DropsOnlyExpired_AndSequencesAreNeverReused()
    {
        await AppendAsync(NewEvent("bob", expiresAt: T0.AddMinutes(1)), NewEvent("bob", expiresAt: T0.AddDays(7)));

        var purged = await Storage.Log.PurgeExpiredAsync(T0.AddMinutes(2));
        var next = await AppendAsync(NewEvent("bob"));

        Assert.Equal(1, purged);
        Assert.Equal([2L, 3L], (await Storage.Log.ReadAsync("bob", 0, 10)).Select(e => e.Sequence));
        Assert.Equal(3, next.Appended[0].Sequence);
    }

    [Fact]
    public async Task ExpireScope_ShortensOnlyNonDurableEventsOfThatScope()
    {
        await AppendAsync(
            NewEvent("bob", scope: "inv1", durable: false),
            NewEvent("bob", scope: "inv1", durable: true),
            NewEvent("bob", scope: "inv2", durable: false));
        var commit = new Commit();
        commit.ExpireScopes["inv1"] = T0.AddMinutes(1);
        await Storage.Store.CommitAsync(commit);

        await Storage.Log.PurgeExpiredAsync(T0.AddMinutes(2));

        Assert.Equal([2L, 3L], (await Storage.Log.ReadAsync("bob", 0, 10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Read_KeepsEventFieldsAndRetentionFlags()
    {
        await AppendAsync(NewEvent("bob", scope: "inv1", durable: false, expiresAt: T0.AddHours(1)) with { Users = ["bob", "carol"] });

        var stored = Assert.Single(await Storage.Log.ReadAsync("bob", 0, 10));

        Assert.Equal("inv1", stored.InvitationId);
        Assert.Equal(["bob", "carol"], stored.Users);
        Assert.False(stored.Durable);
        Assert.Equal(T0.AddHours(1), stored.ExpiresAt);
        Assert.Equal("alice", stored.Actor.UserId);
    }

    [Fact]
    public async Task Commit_WakesLiveReadersOfEveryRecipient()
    {
        using var bobReader = Storage.Wakeups.Register("bob");
        using var carolReader = Storage.Wakeups.Register("carol");
        using var daveReader = Storage.Wakeups.Register("dave");
        var bob = Storage.Wakeups.WaitFor("bob");
        var carol = Storage.Wakeups.WaitFor("carol");
        var dave = Storage.Wakeups.WaitFor("dave");

        await AppendAsync(NewEvent("bob"), NewEvent("carol"));

        Assert.True(bob.IsCompleted);
        Assert.True(carol.IsCompleted);
        Assert.False(dave.IsCompleted);
    }

    [Fact]
    public async Task Events_SurviveReopen()
    {
        await AppendAsync(NewEvent("bob"), NewEvent("bob"));

        await RestartAsync();

        Assert.Equal(2, (await Storage.Log.ReadAsync("bob", 0, 10)).Count);
        Assert.Equal(3, (await Storage.Store.CommitAsync(WithEvent(NewEvent("bob")))).Appended[0].Sequence);
    }

    /// <summary>A resuming client holds its last sequence: one reused after a purge and a restart would hide new events from it.</summary>
    [Fact]
    public async Task AfterEveryEventIsPurged_AndARestart_SequencesStillContinue()
    {
        await AppendAsync(NewEvent("bob", expiresAt: T0.AddMinutes(1)), NewEvent("bob", expiresAt: T0.AddMinutes(1)));
        await Storage.Log.PurgeExpiredAsync(T0.AddMinutes(2));

        await RestartAsync();

        Assert.Empty(await Storage.Log.ReadAsync("bob", 0, 10));
        Assert.Equal(2, await Storage.Log.GetLastSequenceAsync("bob"));
        Assert.Equal(3, (await AppendAsync(NewEvent("bob"))).Appended[0].Sequence);
    }

    /// <summary>
    /// A log may keep a call's event without its copy of the invitation (the copy was most of its bytes) and restore it
    /// on read: every event must still show the invitation as it was when it happened, not as it is now.
    /// </summary>
    [Fact]
    public async Task CallEvents_ReadBackAfterRestart_ShowTheInvitationAsItWasAtTheirStep()
    {
        await CommitAsync(CallCommits.Ring(T0, out var invitation, data: "first"));
        await CommitAsync(CallCommits.Step(invitation, new Actor("bob"), invitation.Accept(new Actor("bob"), "ok", T0.AddSeconds(1)).Value!, T0));
        await CommitAsync(CallCommits.Step(invitation, new Actor("alice"), invitation.Modify(new Actor("alice"), "second", T0.AddSeconds(2)).Value!, T0));
        await CommitAsync(CallCommits.Step(invitation, new Actor("alice"), invitation.HangUp(new Actor("alice"), "", T0.AddSeconds(3)).Value!, T0));

        await RestartAsync();

        var shown = (await Storage.Log.ReadAsync("bob", 0, 10)).Select(e => (e.Kind, e.Step, e.Invitation!.Status, e.Invitation.Invitees[0].State, e.Invitation.Data));
        Assert.Equal(
            [
                (EventKind.InvitationReceived, 1, InvitationStatus.Ringing, InviteeState.Pending, "first"),
                (EventKind.AnsweredElsewhere, 2, InvitationStatus.Connected, InviteeState.Accepted, "first"),
                (EventKind.InvitationModified, 3, InvitationStatus.Connected, InviteeState.Accepted, "second"),
                (EventKind.CallEnded, 4, InvitationStatus.Ended, InviteeState.Accepted, "second"),
            ],
            shown);
        Assert.All(await Storage.Log.ReadAsync("alice", 0, 10), e => Assert.Equal(invitation.Id, e.Invitation!.Id));
    }

    private async Task CommitAsync(Commit commit) => Assert.False((await Storage.Store.CommitAsync(commit)).Conflict);

    private static Commit WithEvent(Signaling.Core.Events.SignalingEvent signalingEvent)
    {
        var commit = new Commit();
        commit.Events.Add(signalingEvent);
        return commit;
    }
}
