using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>The aggregate store's contract: versioned saves, atomic commits, guarded lookup keys.</summary>
public abstract class AggregateStoreSpecification : StorageSpecification
{
    [Fact]
    public async Task Commit_NewInvitation_ReadsBackWithVersionOne()
    {
        var invitation = NewInvitation("alice", "bob", "carol");
        invitation.Data = "payload";
        var commit = new Commit();
        commit.Invitations.Add(invitation);

        var result = await Storage.Store.CommitAsync(commit);

        Assert.False(result.Conflict);
        var stored = await Storage.Store.GetInvitationAsync(invitation.Id);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, invitation.Version);
        Assert.Equal("payload", stored.Data);
        Assert.Equal(["bob", "carol"], stored.Invitees.Select(i => i.UserId));
    }

    /// <summary>Issue #16: a store may keep what it read or wrote in memory, but what a reader changes is its own until committed.</summary>
    [Fact]
    public async Task WhatAReaderChanges_IsNotWhatTheNextReaderGets_UntilCommitted()
    {
        var invitation = NewInvitation("alice", "bob");
        await CommitAsync(invitation);
        invitation.Data = "changed after the commit";

        var read = (await Storage.Store.GetInvitationAsync(invitation.Id))!;
        read.Invitees[0].State = InviteeState.Accepted;
        read.Busy.Add("carol");
        read.Data = "changed by a reader";

        var again = (await Storage.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal(InviteeState.Pending, again.Invitees[0].State);
        Assert.Empty(again.Busy);
        Assert.Equal("", again.Data);

        Assert.False((await CommitAsync(read)).Conflict);
        var committed = (await Storage.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal((2, InviteeState.Accepted, "changed by a reader"), (committed.Version, committed.Invitees[0].State, committed.Data));
        Assert.Equal(["carol"], committed.Busy);
    }

    [Fact]
    public async Task Commit_StaleVersion_ConflictsAndWritesNothing()
    {
        var invitation = NewInvitation();
        await CommitAsync(invitation);
        var first = (await Storage.Store.GetInvitationAsync(invitation.Id))!;
        var second = (await Storage.Store.GetInvitationAsync(invitation.Id))!;
        first.Invitees[0].State = InviteeState.Accepted;
        Assert.False((await CommitAsync(first)).Conflict);

        second.Invitees[0].State = InviteeState.Rejected;
        var stale = new Commit();
        stale.Invitations.Add(second);
        stale.Events.Add(NewEvent("alice", invitation.Id));
        stale.Index.Add(new IndexWrite("call:bob", null, invitation.Id));
        stale.ScheduleTimeouts[invitation.Id] = T0;
        var result = await Storage.Store.CommitAsync(stale);

        Assert.True(result.Conflict);
        Assert.Equal(InviteeState.Accepted, (await Storage.Store.GetInvitationAsync(invitation.Id))!.Invitees[0].State);
        Assert.Empty(await Storage.Log.ReadAsync("alice", 0, 10));
        Assert.Null(await Storage.Store.FindAsync("call:bob"));
        Assert.Empty(await Storage.Timeouts.ClaimDueAsync(T0.AddDays(1), TimeSpan.FromSeconds(30), 10));
    }

    [Fact]
    public async Task Commit_SameNewIdTwice_SecondConflicts()
    {
        var invitation = NewInvitation();
        await CommitAsync(invitation);
        var again = NewInvitation();
        var duplicate = new Invitation { Id = invitation.Id, Inviter = again.Inviter, RoomId = again.RoomId, Invitees = again.Invitees };

        Assert.True((await CommitAsync(duplicate)).Conflict);
    }

    [Fact]
    public async Task Commit_ConcurrentUpdatesFromOneVersion_ExactlyOneWins()
    {
        var invitation = NewInvitation();
        await CommitAsync(invitation);
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Storage.Store.GetInvitationAsync(invitation.Id)));

        var results = await Task.WhenAll(copies.Select(copy =>
        {
            copy!.Data = Guid.NewGuid().ToString();
            return CommitAsync(copy);
        }));

        Assert.Single(results, r => !r.Conflict);
        Assert.Equal(2, (await Storage.Store.GetInvitationAsync(invitation.Id))!.Version);
    }

    [Fact]
    public async Task Index_WritesOnlyWhenExpectedValueHolds()
    {
        Assert.False((await CommitIndexAsync(new IndexWrite("channel-name:x", null, "c1"))).Conflict);
        Assert.Equal("c1", await Storage.Store.FindAsync("channel-name:x"));

        Assert.True((await CommitIndexAsync(new IndexWrite("channel-name:x", null, "c2"))).Conflict);
        Assert.Equal("c1", await Storage.Store.FindAsync("channel-name:x"));

        Assert.False((await CommitIndexAsync(new IndexWrite("channel-name:x", "c1", "c2"))).Conflict);
        Assert.Equal("c2", await Storage.Store.FindAsync("channel-name:x"));

        Assert.False((await CommitIndexAsync(new IndexWrite("channel-name:x", "c2", null))).Conflict);
        Assert.Null(await Storage.Store.FindAsync("channel-name:x"));
    }

    [Fact]
    public async Task Index_Replace_WritesWhateverTheKeyHeld()
    {
        Assert.False((await CommitIndexAsync(IndexWrite.Replace("call:bob", "i1"))).Conflict);
        Assert.False((await CommitIndexAsync(IndexWrite.Replace("call:bob", "i2"))).Conflict);

        Assert.Equal("i2", await Storage.Store.FindAsync("call:bob"));
    }

    [Fact]
    public async Task Index_RemoveIfHolds_LeavesAnotherValue_AndTheRestOfTheCommitApplies()
    {
        await CommitIndexAsync(IndexWrite.Replace("call:bob", "i2"));
        await CommitIndexAsync(IndexWrite.Replace("call:carol", "i1"));

        // The call i1 ends: Bob has moved on to i2 and keeps it; Carol is still in i1 and is freed.
        var invitation = NewInvitation();
        var commit = new Commit();
        commit.Invitations.Add(invitation);
        commit.Index.Add(IndexWrite.RemoveIfHolds("call:bob", "i1"));
        commit.Index.Add(IndexWrite.RemoveIfHolds("call:carol", "i1"));
        Assert.False((await Storage.Store.CommitAsync(commit)).Conflict);

        Assert.Equal("i2", await Storage.Store.FindAsync("call:bob"));
        Assert.Null(await Storage.Store.FindAsync("call:carol"));
        Assert.NotNull(await Storage.Store.GetInvitationAsync(invitation.Id));
        await RestartAsync();
        Assert.Equal(["i2", null], await Storage.Store.FindManyAsync(["call:bob", "call:carol"]));
    }

    [Fact]
    public async Task FindMany_AnswersEachKeyInOrder()
    {
        var commit = new Commit();
        commit.Index.Add(new IndexWrite("k1", null, "a"));
        commit.Index.Add(new IndexWrite("k3", null, "c"));
        await Storage.Store.CommitAsync(commit);

        Assert.Equal(["c", null, "a"], await Storage.Store.FindManyAsync(["k3", "k2", "k1"]));
    }

    [Fact]
    public async Task Get_UnknownIds_ReturnNull()
    {
        Assert.Null(await Storage.Store.GetInvitationAsync("nope"));
        Assert.Null(await Storage.Store.GetChannelAsync("nope"));
        Assert.Null(await Storage.Store.GetUserAsync("nope"));
        Assert.Null(await Storage.Store.FindAsync("nope"));
    }

    [Fact]
    public async Task ListChannels_PagesThroughEveryChannelInIdOrder()
    {
        foreach (var id in new[] { "c5", "c1", "c4", "c2", "c3" })
        {
            var commit = new Commit();
            commit.Channels.Add(new Core.Channels.Channel { Id = id, Name = "n" + id, Creator = "alice", CreatedAt = T0, ExpiresAt = T0.AddHours(1) });
            await Storage.Store.CommitAsync(commit);
        }

        var first = await Storage.Store.ListChannelsAsync(null, 2);
        var second = await Storage.Store.ListChannelsAsync(first.Next, 2);
        var last = await Storage.Store.ListChannelsAsync(second.Next, 2);

        Assert.Equal(["c1", "c2"], first.Items);
        Assert.Equal(["c3", "c4"], second.Items);
        Assert.Equal(["c5"], last.Items);
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task Commit_SurvivesReopen()
    {
        var invitation = NewInvitation();
        await CommitAsync(invitation);

        await RestartAsync();

        Assert.Equal(invitation.RoomId, (await Storage.Store.GetInvitationAsync(invitation.Id))!.RoomId);
        Assert.True(await Storage.Store.PingAsync());
    }

    private Task<CommitResult> CommitAsync(Invitation invitation)
    {
        var commit = new Commit();
        commit.Invitations.Add(invitation);
        return Storage.Store.CommitAsync(commit);
    }

    private Task<CommitResult> CommitIndexAsync(IndexWrite write)
    {
        var commit = new Commit();
        commit.Index.Add(write);
        return Storage.Store.CommitAsync(commit);
    }
}
