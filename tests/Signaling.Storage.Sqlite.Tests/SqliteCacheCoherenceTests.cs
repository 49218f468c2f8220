using Signaling.Core;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

/// <summary>
/// Issue #16: a committed value is served from memory only until the tables have it; after that reads go to the file
/// and are remembered. What was remembered before a commit must never come back once that commit is applied, or a
/// command would act on a call as it was before (a stale invitation, a busy key that was cleared).
/// </summary>
public sealed class SqliteCacheCoherenceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteStorage _storage = new(applyDelay: TimeSpan.FromMilliseconds(10));
    private StorageUnderTest _open = null!;

    public async Task InitializeAsync() => _open = await _storage.OpenAsync();

    public async Task DisposeAsync() => await _open.DisposeAsync();

    [Fact]
    public async Task WhatWasReadBeforeACommit_IsNeverServedOnceThatCommitIsApplied()
    {
        var invitation = new Invitation
        {
            Id = Ids.New(), Inviter = new Actor("alice"), Invitees = [new Invitee { UserId = "bob" }], RoomId = Ids.New(), CreatedAt = T0,
        };
        var first = new Commit();
        first.Invitations.Add(invitation);
        first.Index.Add(new IndexWrite("busy:bob", null, invitation.Id));
        Assert.False((await _open.Store.CommitAsync(first)).Conflict);
        await UntilAppliedAsync();

        // Read from the file now, and remembered.
        var read = (await _open.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal(1, read.Version);
        Assert.Equal(invitation.Id, await _open.Store.FindAsync("busy:bob"));

        read.Status = InvitationStatus.Ended;
        var second = new Commit();
        second.Invitations.Add(read);
        second.Index.Add(new IndexWrite("busy:bob", invitation.Id, null));
        Assert.False((await _open.Store.CommitAsync(second)).Conflict);
        await UntilAppliedAsync();

        var now = (await _open.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal(2, now.Version);
        Assert.Equal(InvitationStatus.Ended, now.Status);
        Assert.Null(await _open.Store.FindAsync("busy:bob"));
    }

    /// <summary>Listing channels reads the tables, so it first waits until every commit before it is in them.</summary>
    private Task UntilAppliedAsync() => _open.Store.ListChannelsAsync(null, 1);
}
