using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Users;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The aggregate store on SQLite: aggregates as JSON documents with a version column, one transaction per commit,
/// and a write-through <see cref="SqliteCache"/> so that most reads never touch the file.
/// </summary>
public sealed class SqliteSignalingStore(SqliteDatabase database, SqliteCache cache, EventWakeups wakeups, SignalingMetrics? metrics = null) : ISignalingStore
{
    public Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("invitation", id, CoreJson.Default.Invitation, (a, v) => a.Version = v, cancellationToken);

    public Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("channel", id, CoreJson.Default.Channel, (a, v) => a.Version = v, cancellationToken);

    public Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("user", id, CoreJson.Default.UserProfile, (a, v) => a.Version = v, cancellationToken);

    public async Task<string?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetLookup(key, out var cached))
        {
            return cached;
        }

        var generation = cache.Generation;
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM lookup WHERE key = $key").With("$key", key);
        var value = await command.ExecuteScalarAsync(cancellationToken) as string;
        cache.Remember(generation, key, new SqliteCache.LookupValue(value));
        return value;
    }

    /// <summary>One lookup after another: they are cache hits or local reads, so batching would buy nothing.</summary>
    public async Task<IReadOnlyList<string?>> FindManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var values = new string?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = await FindAsync(keys[i], cancellationToken);
        }

        return values;
    }

    public async Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await WriteAsync(commit, cancellationToken);
        metrics?.Committed("sqlite", System.Diagnostics.Stopwatch.GetElapsedTime(started), result.Conflict);
        return result;
    }

    private async Task<CommitResult> WriteAsync(Commit commit, CancellationToken cancellationToken)
    {
        // Everything is serialised here, on the caller's thread: the one writer thread only runs statements.
        var aggregates = commit.Invitations.Select(i => new Row("invitation", i.Id, i.Version, JsonSerializer.Serialize(i, CoreJson.Default.Invitation)))
            .Concat(commit.Channels.Select(c => new Row("channel", c.Id, c.Version, JsonSerializer.Serialize(c, CoreJson.Default.Channel))))
            .Concat(commit.Users.Select(u => new Row("user", u.Id, u.Version, JsonSerializer.Serialize(u, CoreJson.Default.UserProfile))))
            .ToList();
        var drafts = commit.Events.Select(e => (Event: e, Body: JsonSerializer.Serialize(e, CoreJson.Default.SignalingEvent))).ToList();
        var written = new List<(string Key, object Value)>();
        IReadOnlyList<SignalingEvent> appended;
        try
        {
            appended = await database.WriteAsync(async session =>
            {
                var saved = true;
                foreach (var row in aggregates)
                {
                    saved &= await SaveAsync(session, row, written, cancellationToken);
                }

                if (!saved || !await WriteIndexAsync(session, commit.Index, written, cancellationToken))
                {
                    throw new ConflictException(); // Rolls the transaction back.
                }

                var events = await AppendEventsAsync(session, drafts, cancellationToken);
                await WriteTimeoutsAsync(session, commit, cancellationToken);
                await SqliteWebhookOutbox.AppendAsync(session, commit.Outbox, cancellationToken);
                return events;
            }, cancellationToken, committed: events => cache.Committed(written, events));
        }
        catch (ConflictException)
        {
            cache.Forget(commit.Invitations.Select(i => Key("invitation", i.Id))
                .Concat(commit.Channels.Select(c => Key("channel", c.Id)))
                .Concat(commit.Users.Select(u => Key("user", u.Id)))
                .Concat(commit.Index.Select(i => i.Key)));
            return CommitResult.Conflicted;
        }

        // Only now does the caller's copy match what is stored.
        commit.Invitations.ForEach(i => i.Version++);
        commit.Channels.ForEach(c => c.Version++);
        commit.Users.ForEach(u => u.Version++);
        wakeups.Wake(appended.Select(e => e.Recipient).Distinct());
        if (commit.Outbox.Count > 0)
        {
            wakeups.WakeOutbox();
        }

        return new CommitResult(false, appended);
    }

    public Task<Page<string>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default) =>
        database.ReadIdPageAsync(
            "SELECT id FROM aggregates WHERE kind = 'channel' AND id > $after ORDER BY id LIMIT $limit", cursor, limit, cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM sqlite_master");
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static string Key(string kind, string id) => $"{kind}:{id}";

    private async Task<T?> GetAsync<T>(string kind, string id, JsonTypeInfo<T> type, Action<T, long> setVersion, CancellationToken cancellationToken)
        where T : class
    {
        var key = Key(kind, id);
        if (!cache.TryGetAggregate(key, out var stored))
        {
            var generation = cache.Generation;
            await using var connection = await database.OpenReaderAsync(cancellationToken);
            await using var command = connection.Command("SELECT version, body FROM aggregates WHERE kind = $kind AND id = $id")
                .With("$kind", kind).With("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            stored = new SqliteCache.StoredAggregate(reader.GetInt64(0), reader.GetString(1));
            cache.Remember(generation, key, stored);
        }

        // A fresh copy every time: callers change what they load.
        var aggregate = JsonSerializer.Deserialize(stored.Body, type)!;
        setVersion(aggregate, stored.Version);
        return aggregate;
    }

    /// <summary>
    /// Inserts a new aggregate (version 0) or updates one whose stored version is still the one read. The stored
    /// version is authoritative: the body's own copy is overwritten on load.
    /// </summary>
    private static async Task<bool> SaveAsync(SqliteWriteSession session, Row row, List<(string, object)> written, CancellationToken cancellationToken)
    {
        var (kind, id, version, body) = row;
        var command = session.Command(version == 0
                ? "INSERT INTO aggregates (kind, id, version, body) VALUES ($kind, $id, 1, $body) ON CONFLICT DO NOTHING"
                : "UPDATE aggregates SET version = $version + 1, body = $body WHERE kind = $kind AND id = $id AND version = $version")
            .With("$kind", kind).With("$id", id).With("$version", version).With("$body", body);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        written.Add((Key(kind, id), new SqliteCache.StoredAggregate(version + 1, body)));
        return true;
    }

    private static async Task<bool> WriteIndexAsync(
        SqliteWriteSession session, List<IndexWrite> writes, List<(string, object)> written, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            // One statement per key: it changes the row only if it still holds what the command read (or is absent).
            var command = (write.Expected, write.Value) switch
            {
                (null, null) => session.Command("SELECT NOT EXISTS (SELECT 1 FROM lookup WHERE key = $key)"),
                (null, _) => session.Command("INSERT INTO lookup (key, value) VALUES ($key, $value) ON CONFLICT DO NOTHING"),
                (_, null) => session.Command("DELETE FROM lookup WHERE key = $key AND value = $expected"),
                _ => session.Command("UPDATE lookup SET value = $value WHERE key = $key AND value = $expected"),
            };
            command.With("$key", write.Key);
            if (write.Value is not null)
            {
                command.With("$value", write.Value);
            }

            if (write.Expected is not null)
            {
                command.With("$expected", write.Expected);
            }

            var asExpected = write is { Expected: null, Value: null }
                ? (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1
                : await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (!asExpected)
            {
                return false;
            }

            written.Add((write.Key, new SqliteCache.LookupValue(write.Value)));
        }

        return true;
    }

    /// <summary>
    /// Appends each event with the user's next sequence. The body is the draft's, serialised before the sequence was
    /// known: the seq column is the sequence, and reads take it from there.
    /// </summary>
    private static async Task<List<SignalingEvent>> AppendEventsAsync(
        SqliteWriteSession session, List<(SignalingEvent Event, string Body)> events, CancellationToken cancellationToken)
    {
        var appended = new List<SignalingEvent>(events.Count);
        foreach (var (draft, body) in events)
        {
            var sequence = await session.NextSequenceAsync(draft.Recipient, cancellationToken);
            var stored = draft with { Sequence = sequence };
            var insert = session.Command(
                    "INSERT INTO events (user_id, seq, scope, durable, expires_at, body) VALUES ($user, $seq, $scope, $durable, $expires, $body)")
                .With("$user", stored.Recipient).With("$seq", sequence).With("$scope", stored.Scope)
                .With("$durable", stored.Durable ? 1 : 0).With("$expires", stored.ExpiresAt.ToUnixMs())
                .With("$body", body);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            appended.Add(stored);
        }

        return appended;
    }

    private static async Task WriteTimeoutsAsync(SqliteWriteSession session, Commit commit, CancellationToken cancellationToken)
    {
        foreach (var (invitationId, due) in commit.ScheduleTimeouts)
        {
            await session.Command(
                    "INSERT INTO timeouts (invitation_id, due_at, lease_until) VALUES ($id, $due, 0) " +
                    "ON CONFLICT (invitation_id) DO UPDATE SET due_at = excluded.due_at, lease_until = 0")
                .With("$id", invitationId).With("$due", due.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var invitationId in commit.CancelTimeouts)
        {
            await session.Command("DELETE FROM timeouts WHERE invitation_id = $id").With("$id", invitationId).ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (scope, until) in commit.ExpireScopes)
        {
            await session.Command("UPDATE events SET expires_at = min(expires_at, $until) WHERE scope = $scope AND durable = 0")
                .With("$scope", scope).With("$until", until.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record Row(string Kind, string Id, long Version, string Body);

    private sealed class ConflictException : Exception;
}
