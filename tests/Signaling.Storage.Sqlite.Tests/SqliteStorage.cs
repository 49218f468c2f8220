using Microsoft.Extensions.Options;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

/// <summary>Opens the SQLite provider on a temporary file, as the gateway does.</summary>
internal sealed class SqliteStorage
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "signaling-tests", $"{Guid.NewGuid():N}", "signaling.db");

    public async Task<StorageUnderTest> OpenAsync()
    {
        var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _path }));
        await database.InitializeAsync(CancellationToken.None);
        var wakeups = new EventWakeups();
        var cache = database.Cache;
        return new StorageUnderTest(
            new SqliteSignalingStore(database, cache, wakeups), new SqliteEventLog(database, cache), new SqliteTimeoutIndex(database),
            new SqlitePresenceRegistry(database, EveryTypeSubscriptions.Messages, wakeups), wakeups)
        {
            Outbox = new SqliteWebhookOutbox(database),
            Close = database.DisposeAsync,
        };
    }
}
