using System.Diagnostics;
using Microsoft.Extensions.Options;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

/// <summary>Opens the SQLite provider on a temporary file, as the gateway does.</summary>
internal sealed class SqliteStorage(TimeSpan? applyDelay = null)
{
    private readonly string _path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "signaling-tests", $"{Guid.NewGuid():N}", "signaling.db");

    public string Path => _path;

    /// <summary>
    /// What a kill -9 would leave on disk, as another storage: a copy of the database file, its WAL and its journal
    /// taken while this one is open (no shared-memory index, no lock or pid file).
    /// </summary>
    public SqliteStorage CopyAsIfKilled()
    {
        var copy = new SqliteStorage(applyDelay);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy._path)!);
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(_path)!, "signaling.db*"))
        {
            var name = System.IO.Path.GetFileName(file);
            if (!name.EndsWith("-shm", StringComparison.Ordinal) && !name.EndsWith(".lock", StringComparison.Ordinal) && !name.EndsWith(".pid", StringComparison.Ordinal))
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(copy._path)!, name));
                source.CopyTo(target);
            }
        }

        return copy;
    }

    public async Task<StorageUnderTest> OpenAsync()
    {
        var options = new SqliteStorageOptions { Path = _path };
        options.ApplyDelay = applyDelay ?? options.ApplyDelay;
        var database = new SqliteDatabase(Options.Create(options));
        await database.InitializeAsync(CancellationToken.None);
        var cache = database.Cache;

        // Every test runs with the key filter loaded, answering "absent" without the file (a gateway gets there moments
        // after it starts): a key it wrongly left out would read as absent, and the specification would catch it.
        var loading = Stopwatch.StartNew();
        while (!cache.Keys.Loaded)
        {
            Assert.True(loading.Elapsed < TimeSpan.FromSeconds(10), "the lookup keys were not loaded within 10 s");
            await Task.Delay(5);
        }

        var wakeups = new EventWakeups();
        var store = new SqliteSignalingStore(database, cache, wakeups);
        return new StorageUnderTest(
            store, new SqliteEventLog(database, cache, store), new SqliteTimeoutIndex(database),
            new SqlitePresenceRegistry(database, EveryTypeSubscriptions.Messages, wakeups), wakeups)
        {
            Outbox = new SqliteWebhookOutbox(database),
            Close = database.DisposeAsync,
        };
    }
}
