using Signaling.Core;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;

namespace Signaling.Storage.Specification;

/// <summary>
/// The webhook outbox's contract: messages are written with their commit (or not at all), each user's leave in commit
/// order, a claimed message is held by one claimer until its lease ends, and everything survives a restart.
/// </summary>
public abstract class WebhookOutboxSpecification : StorageSpecification
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_GivesEachUsersOldestMessage_TheNextOnlyOnceThatOneIsDone()
    {
        await CommitAsync(Message("m1", "u1", 0), Message("m2", "u1", 1), Message("m3", "u2", 2));

        var first = await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10);
        Assert.Equal(["m1", "m3"], first.Select(e => e.Message.Id));
        Assert.Empty(await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10)); // m2 waits behind m1, m3 is held.

        await Storage.Outbox.CompleteAsync(first[0]);
        var next = await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10);
        Assert.Equal(["m2"], next.Select(e => e.Message.Id));
        Assert.Equal(("u1", "push.requested", "{\"n\":1}", T0.AddMilliseconds(1)), (next[0].Message.OrderKey, next[0].Message.Type, next[0].Message.Body, next[0].Message.CreatedAt));
    }

    [Fact]
    public async Task Claim_IsLeased_ThenOfferedAgainWhenTheLeaseEnds()
    {
        await CommitAsync(Message("m1", "u1", 0));

        Assert.Single(await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10));
        Assert.Empty(await Storage.Outbox.ClaimAsync("app", T0.AddSeconds(29), T0.AddSeconds(59), 10));
        Assert.Equal(["m1"], (await Storage.Outbox.ClaimAsync("app", T0.AddSeconds(31), T0.AddSeconds(61), 10)).Select(e => e.Message.Id));
    }

    [Fact]
    public async Task Retry_CountsTheAttempt_AndWaitsUntilItsTime_KeepingTheUsersOrder()
    {
        await CommitAsync(Message("m1", "u1", 0), Message("m2", "u1", 1));
        var claimed = Assert.Single(await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10));

        await Storage.Outbox.RetryAsync(claimed, T0.AddSeconds(10), "HTTP 503");

        Assert.Empty(await Storage.Outbox.ClaimAsync("app", T0.AddSeconds(5), T0.AddSeconds(35), 10));
        var again = Assert.Single(await Storage.Outbox.ClaimAsync("app", T0.AddSeconds(10), T0.AddSeconds(40), 10));
        Assert.Equal(("m1", 1), (again.Message.Id, again.Attempts));
    }

    [Fact]
    public async Task Claim_ConcurrentClaimers_EachMessageGoesToExactlyOne()
    {
        await CommitAsync(Enumerable.Range(0, 30).Select(i => Message($"m{i}", $"u{i}", i)).ToArray());

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10)));
        var ids = claims.SelectMany(c => c).Select(e => e.Message.Id).ToList();

        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
    }

    [Fact]
    public async Task Endpoints_AreSeparate_AndTheBacklogCountsWhatWaits()
    {
        await CommitAsync(Message("m1", "u1", 0), Message("m2", "u1", 1), Message("m1", "u1", 0) with { Endpoint = "crm" });

        Assert.Equal(new OutboxBacklog(2, T0), await Storage.Outbox.BacklogAsync("app"));
        var crm = Assert.Single(await Storage.Outbox.ClaimAsync("crm", T0, T0 + Lease, 10));
        await Storage.Outbox.CompleteAsync(crm);

        Assert.Equal(new OutboxBacklog(0, null), await Storage.Outbox.BacklogAsync("crm"));
        Assert.Equal(2, (await Storage.Outbox.BacklogAsync("app")).Messages);
    }

    [Fact]
    public async Task AConflictingCommit_WritesNoMessage()
    {
        var invitation = new Invitation { Id = "inv", Inviter = new Actor("alice"), RoomId = "room", CreatedAt = T0 };
        var first = new Commit();
        first.Invitations.Add(invitation);
        await Storage.Store.CommitAsync(first);

        var stale = new Commit();
        stale.Invitations.Add(new Invitation { Id = "inv", Inviter = new Actor("alice"), RoomId = "room", CreatedAt = T0 });
        stale.Outbox.Add(Message("m1", "u1", 0));
        Assert.True((await Storage.Store.CommitAsync(stale)).Conflict);

        Assert.Equal(0, (await Storage.Outbox.BacklogAsync("app")).Messages);
    }

    [Fact]
    public async Task Messages_SurviveReopen()
    {
        await CommitAsync(Message("m1", "u1", 0));

        await RestartAsync();

        Assert.Equal(["m1"], (await Storage.Outbox.ClaimAsync("app", T0, T0 + Lease, 10)).Select(e => e.Message.Id));
    }

    private static WebhookMessage Message(string id, string user, int n) =>
        new("app", id, WebhookTypes.PushRequested, user, T0.AddMilliseconds(n), $"{{\"n\":{n}}}");

    private async Task CommitAsync(params WebhookMessage[] messages)
    {
        var commit = new Commit();
        commit.Outbox.AddRange(messages);
        Assert.False((await Storage.Store.CommitAsync(commit)).Conflict);
    }
}
