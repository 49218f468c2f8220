using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

public sealed class SqliteAggregateStoreTests : AggregateStoreSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqliteEventLogTests : EventLogSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqliteTimeoutIndexTests : TimeoutIndexSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();

    /// <summary>
    /// Issue #11 item 10: one process owns a SQLite file, so after kill -9 and a restart, timeouts the dead process had
    /// claimed are due again at once, not a 30 s lease later (Redis keeps leases: another node may hold them).
    /// </summary>
    [Fact]
    public async Task Claim_AfterRestart_OffersAtOnceWhatTheDeadProcessHadLeased()
    {
        var commit = new Signaling.Core.Ports.Commit();
        commit.ScheduleTimeouts["inv"] = T0;
        await Storage.Store.CommitAsync(commit);
        Assert.Single(await Storage.Timeouts.ClaimDueAsync(T0, TimeSpan.FromSeconds(30), 10));

        await RestartAsync();

        Assert.Equal(["inv"], (await Storage.Timeouts.ClaimDueAsync(T0.AddSeconds(1), TimeSpan.FromSeconds(30), 10)).Select(d => d.InvitationId));
    }
}

public sealed class SqlitePresenceRegistryTests : PresenceRegistrySpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqliteWebhookOutboxTests : WebhookOutboxSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();

    /// <summary>As with timeouts: after kill -9 and a restart, what the dead process was sending is due again at once.</summary>
    [Fact]
    public async Task Claim_AfterRestart_OffersAtOnceWhatTheDeadProcessWasSending()
    {
        var commit = new Signaling.Core.Ports.Commit();
        commit.Outbox.Add(new Signaling.Core.Webhooks.WebhookMessage("app", "m1", "push.requested", "u1", T0, "{}"));
        await Storage.Store.CommitAsync(commit);
        Assert.Single(await Storage.Outbox.ClaimAsync("app", T0, T0.AddSeconds(30), 10));

        await RestartAsync();

        Assert.Single(await Storage.Outbox.ClaimAsync("app", T0, T0.AddSeconds(30), 10));
    }
}
