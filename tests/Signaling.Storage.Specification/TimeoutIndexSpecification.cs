using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>The timeout index's contract: due timeouts are leased to one claimer at a time, and survive restarts.</summary>
public abstract class TimeoutIndexSpecification : StorageSpecification
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_ReturnsOnlyDueTimeouts()
    {
        await ScheduleAsync("early", T0.AddSeconds(1));
        await ScheduleAsync("late", T0.AddSeconds(10));

        Assert.Empty(await Storage.Timeouts.ClaimDueAsync(T0, Lease, 10));
        var due = await Storage.Timeouts.ClaimDueAsync(T0.AddSeconds(5), Lease, 10);

        Assert.Equal(["early"], due.Select(d => d.InvitationId));
        Assert.Equal(T0.AddSeconds(1), due[0].DueAt);
    }

    [Fact]
    public async Task Claim_IsLeased_ThenOfferedAgainWhenTheLeaseEnds()
    {
        await ScheduleAsync("inv", T0);

        Assert.Single(await Storage.Timeouts.ClaimDueAsync(T0, Lease, 10));
        Assert.Empty(await Storage.Timeouts.ClaimDueAsync(T0.AddSeconds(29), Lease, 10));
        Assert.Single(await Storage.Timeouts.ClaimDueAsync(T0.AddSeconds(31), Lease, 10));
    }

    [Fact]
    public async Task Cancel_RemovesTheTimeout()
    {
        await ScheduleAsync("inv", T0);
        var commit = new Commit();
        commit.CancelTimeouts.Add("inv");
        await Storage.Store.CommitAsync(commit);

        Assert.Empty(await Storage.Timeouts.ClaimDueAsync(T0.AddDays(1), Lease, 10));
    }

    [Fact]
    public async Task Claim_ConcurrentClaimers_EachTimeoutGoesToExactlyOne()
    {
        for (var i = 0; i < 30; i++)
        {
            await ScheduleAsync($"inv{i}", T0);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Storage.Timeouts.ClaimDueAsync(T0, Lease, 10)));
        var ids = claims.SelectMany(c => c).Select(d => d.InvitationId).ToList();

        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
    }

    [Fact]
    public async Task Timeouts_SurviveReopen()
    {
        await ScheduleAsync("inv", T0.AddSeconds(3));

        await RestartAsync();

        Assert.Equal(["inv"], (await Storage.Timeouts.ClaimDueAsync(T0.AddSeconds(3), Lease, 10)).Select(d => d.InvitationId));
    }

    [Fact]
    public async Task ListScheduled_PagesThroughEveryScheduledInvitationOnce()
    {
        for (var i = 0; i < 7; i++)
        {
            await ScheduleAsync($"inv{i}", T0.AddSeconds(i));
        }

        var cancel = new Commit();
        cancel.CancelTimeouts.Add("inv3");
        await Storage.Store.CommitAsync(cancel);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Storage.Timeouts.ListScheduledAsync(cursor, 3);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(["inv0", "inv1", "inv2", "inv4", "inv5", "inv6"], seen.Order());
    }

    private Task ScheduleAsync(string invitationId, DateTimeOffset due)
    {
        var commit = new Commit();
        commit.ScheduleTimeouts[invitationId] = due;
        return Storage.Store.CommitAsync(commit);
    }
}
