using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task Initialize_CreatesMissingFolder_AndUsesWalMode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"), "nested");
        await using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = Path.Combine(folder, "g.db") }));

        await database.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder, "g.db")));
        await using var connection = await database.OpenReaderAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Issue #16: a call's event is written to the log without its copy of the invitation (about 60% of its bytes); a read
    /// gives the copy back from the invitation's history (the store specification checks it shows each step as it was).
    /// </summary>
    [Fact]
    public async Task ACallsEvents_AreLoggedWithoutACopyOfTheInvitation_AndReadBackWithIt()
    {
        var storage = new SqliteStorage();
        var commit = CallCommits.Ring(DateTimeOffset.UtcNow, out var invitation);
        await using (var opened = await storage.OpenAsync())
        {
            await opened.Store.CommitAsync(commit);
        }

        await using (var check = new SqliteConnection($"Data Source={storage.Path};Pooling=false"))
        {
            await check.OpenAsync();
            await using var bodies = check.CreateCommand();
            bodies.CommandText = "SELECT body FROM event_log";
            await using var rows = await bodies.ExecuteReaderAsync();
            var stored = new List<string>();
            while (await rows.ReadAsync())
            {
                stored.Add(rows.GetString(0));
            }

            Assert.Equal(2, stored.Count);
            Assert.All(stored, body => Assert.DoesNotContain("\"invitation\"", body));
        }

        await using var reopened = await storage.OpenAsync();
        var received = Assert.Single(await reopened.Log.ReadAsync("bob", 0, 10));
        Assert.Equal((invitation.Id, "r1", InviteeState.Pending), (received.Invitation!.Id, received.Invitation.RequestId, received.Invitation.Invitees[0].State));
    }

    /// <summary>Issue #16: small pages cut the bytes each commit writes; a file made before keeps its pages and its data.</summary>
    [Fact]
    public async Task ANewFile_Gets1KbPages_WhileAnOlderFileKeeps4KbPages_AndItsRows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var older = Path.Combine(folder, "older.db");
        await using (var made = new SqliteConnection($"Data Source={older};Pooling=false"))
        {
            await made.OpenAsync();
            await using var create = made.CreateCommand();
            create.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE lookup (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID; " +
                                 "INSERT INTO lookup VALUES ('kept', 'yes');";
            await create.ExecuteNonQueryAsync();
        }

        async Task<(long PageSize, long Rows)> OpenAsync(string path)
        {
            await using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = path }));
            await database.InitializeAsync(CancellationToken.None);
            await using var connection = await database.OpenReaderAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT page_size FROM pragma_page_size), (SELECT count(*) FROM lookup)";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        Assert.Equal((1024L, 0L), await OpenAsync(Path.Combine(folder, "new.db")));
        Assert.Equal((4096L, 1L), await OpenAsync(older));
    }

    /// <summary>
    /// Issue #16: the event log became a rowid table (appended in order, written whole); a file made before keeps every
    /// event it held, readable and resumable as before, and new events follow their sequences.
    /// </summary>
    [Fact]
    public async Task AnOlderFile_ItsEventsMoveToTheEventLog_AndStreamsResumeFromThem()
    {
        var storage = new SqliteStorage();
        Directory.CreateDirectory(Path.GetDirectoryName(storage.Path)!);
        var time = DateTimeOffset.UtcNow;
        SignalingEvent Event(long sequence) => new()
        {
            Sequence = sequence, Recipient = "bob", Kind = EventKind.InvitationReceived, Time = time, Actor = new Actor("alice"), InvitationId = "inv-1",
        };

        await using (var made = new SqliteConnection($"Data Source={storage.Path};Pooling=false"))
        {
            await made.OpenAsync();
            await using var create = made.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE events (
                    user_id TEXT NOT NULL, seq INTEGER NOT NULL, scope TEXT, durable INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (user_id, seq)) WITHOUT ROWID;
                CREATE INDEX events_scope ON events (scope) WHERE durable = 0;
                CREATE INDEX events_expiry ON events (expires_at);
                """;
            await create.ExecuteNonQueryAsync();
            for (var sequence = 1; sequence <= 2; sequence++)
            {
                await using var insert = made.CreateCommand();
                insert.CommandText = "INSERT INTO events VALUES ('bob', $seq, 'inv-1', 1, $expires, $body)";
                insert.Parameters.AddWithValue("$seq", sequence);
                insert.Parameters.AddWithValue("$expires", time.AddDays(1).ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(Event(sequence), CoreJson.Default.SignalingEvent));
                await insert.ExecuteNonQueryAsync();
            }
        }

        var opened = await storage.OpenAsync();
        await using (opened)
        {
            Assert.Equal(2, await opened.Log.GetLastSequenceAsync("bob"));
            Assert.Equal([2L], (await opened.Log.ReadAsync("bob", after: 1, max: 10)).Select(e => e.Sequence));
            var result = await opened.Store.CommitAsync(new Commit { Events = { Event(0) with { InvitationId = "inv-2" } } });
            Assert.Equal(3, Assert.Single(result.Appended).Sequence);
        }

        await using var check = new SqliteConnection($"Data Source={storage.Path};Pooling=false");
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE name LIKE 'events%'";
        Assert.True(await tables.ExecuteScalarAsync() is DBNull or null, "the earlier table and its indexes are gone");
    }

    [Fact]
    public async Task Write_ThatThrows_RollsBack()
    {
        await using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions
        {
            Path = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"), "g.db"),
        }));
        await database.InitializeAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<int>(async session =>
        {
            await session.Command("INSERT INTO lookup (key, value) VALUES ('k', 'v')").ExecuteNonQueryAsync();
            throw new InvalidOperationException("boom");
        }, CancellationToken.None));

        await using var reader = await database.OpenReaderAsync(CancellationToken.None);
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM lookup";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task SecondOwnerOfTheSameFile_IsRefusedWithAClearMessage()
    {
        var options = Options.Create(new SqliteStorageOptions { Path = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"), "g.db") });
        await using var first = new SqliteDatabase(options);

        var second = Assert.Throws<Signaling.Core.StartupProblemException>(() => new SqliteDatabase(options));

        Assert.StartsWith("Storage:Sqlite:Path: ", second.Message, StringComparison.Ordinal);
        Assert.Contains($"in use by another gateway process (process {Environment.ProcessId})", second.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue #17: a path through a file is named as such, not as "another process".</summary>
    [Fact]
    public void PathThroughAFile_IsRefused_NamingTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a folder");

        var refused = Assert.Throws<Signaling.Core.StartupProblemException>(() => new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = Path.Combine(file, "g.db") })));

        Assert.Contains($"{file} is a file, not a folder", refused.Message, StringComparison.Ordinal);
    }
}
