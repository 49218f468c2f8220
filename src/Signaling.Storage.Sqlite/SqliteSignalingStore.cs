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
/// The aggregate store on SQLite: aggregates as JSON documents with a version column. A commit is checked and journalled
/// by the writer thread (see <see cref="SqliteDatabase"/>) and reaches the tables later; the write-through
/// <see cref="SqliteCache"/> serves it meanwhile, and most reads never touch the file.
/// </summary>
public sealed class SqliteSignalingStore(SqliteDatabase database, SqliteCache cache, EventWakeups wakeups, SignalingMetrics? metrics = null) : ISignalingStore
{
    public async Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync("invitation", id, CoreJson.Default.Invitation, (a, v) => a.Version = v, cancellationToken))?.Copy();

    public async Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync("channel", id, CoreJson.Default.Channel, (a, v) => a.Version = v, cancellationToken))?.Copy();

    public async Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync("user", id, CoreJson.Default.UserProfile, (a, v) => a.Version = v, cancellationToken))?.Copy();

    public async Task<string?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        // The generation is taken first: a commit after it (its value pinned, the table not yet written) keeps this read out of the cache.
        var generation = cache.Generation;
        if (cache.TryGetLookup(key, out var cached))
        {
            return cached;
        }

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
        // Everything is serialised here, on the caller's thread: the journal thread only checks and journals.
        // UTF-8 throughout: what is serialised here is what the journal, the cache and the tables keep, never transcoded.
        var aggregates = new List<Row>(commit.Invitations.Count + commit.Channels.Count + commit.Users.Count);
        foreach (var invitation in commit.Invitations)
        {
            aggregates.Add(ToRow(
                "invitation", invitation.Id, invitation.Version, invitation, invitation.Copy(), CoreJson.Default.Invitation, (a, v) => a.Version = v));
        }

        foreach (var channel in commit.Channels)
        {
            aggregates.Add(ToRow(
                "channel", channel.Id, channel.Version, channel, channel.Copy(), CoreJson.Default.Channel, (a, v) => a.Version = v));
        }

        foreach (var user in commit.Users)
        {
            aggregates.Add(ToRow("user", user.Id, user.Version, user, user.Copy(), CoreJson.Default.UserProfile, (a, v) => a.Version = v));
        }

        // The log keeps a call's event without its invitation's copy (restored on read); the cache and the live streams keep it whole.
        var bodies = new byte[commit.Events.Count][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = JsonSerializer.SerializeToUtf8Bytes(LoggedEvents.Compact(commit.Events[i], commit), CoreJson.Default.SignalingEvent);
        }

        var written = new List<(string Key, object Value)>(aggregates.Count + commit.Index.Count);
        var appended = new SignalingEvent[bodies.Length];
        var record = await database.CommitAsync(
            stage => Stage(stage, commit, aggregates, bodies, written, appended),
            committed: record =>
            {
                // Under the journal's lock, the moment the commit is durable: readers start before this caller resumes.
                cache.Committed(written, appended, record.Number);
                wakeups.Wake(appended);
                if (commit.Outbox.Count > 0)
                {
                    wakeups.WakeOutbox();
                }
            },
            cancellationToken);
        if (record is null)
        {
            return CommitResult.Conflicted;
        }

        // Only now does the caller's copy match what is stored.
        commit.Invitations.ForEach(i => i.Version++);
        commit.Channels.ForEach(c => c.Version++);
        commit.Users.ForEach(u => u.Version++);

        return new CommitResult(false, appended);
    }

    /// <summary>
    /// An aggregate as this commit stores it: its JSON, and <paramref name="stored"/> (a copy of it, taken now) at the
    /// version it is stored with, which readers are handed copies of.
    /// </summary>
    private static Row ToRow<T>(
        string kind, string id, long version, T aggregate, T stored, JsonTypeInfo<T> type, Action<T, long> setVersion)
        where T : class
    {
        setVersion(stored, version + 1);
        return new Row(kind, id, version, JsonSerializer.SerializeToUtf8Bytes(aggregate, type), stored);
    }

    /// <summary>
    /// Under the journal's lock: null (a conflict, nothing written) unless every aggregate still has the version the command
    /// read and every key still holds what it expected; else the journal record, with each event's sequence assigned.
    /// Plain loops, no LINQ: this runs once per commit on the thread every commit waits for.
    /// </summary>
    private static JournalRecord? Stage(
        SqliteCommitStage stage, Commit commit, List<Row> aggregates, byte[][] bodies, List<(string Key, object Value)> written,
        SignalingEvent[] appended)
    {
        foreach (var row in aggregates)
        {
            if (!(row.Version == 0 && commit.Minted.Contains(row.Id)) && stage.StoredVersion(row.Kind, row.Id) != row.Version)
            {
                return null;
            }
        }

        bool[]? skipped = null; // Writes whose condition (IfHolds) was not met: left out, the commit goes on.
        for (var i = 0; i < commit.Index.Count; i++)
        {
            var write = commit.Index[i];
            if (write.Condition == IndexCondition.Any)
            {
                continue;
            }

            var current = LastWrite(commit.Index, skipped, i, write.Key) is { } earlier ? earlier.Value
                : write.Minted ? null : stage.Lookup(write.Key);
            if (current != write.Expected)
            {
                if (write.Condition == IndexCondition.Holds)
                {
                    return null;
                }

                (skipped ??= new bool[commit.Index.Count])[i] = true;
            }
        }

        var record = new JournalRecord();
        foreach (var (kind, id, version, body, stored) in aggregates)
        {
            record.Aggregates.Add(new AggregateRow(kind, id, version + 1, body));
            written.Add((Key(kind, id), new SqliteCache.StoredAggregate(version + 1, stored)));
        }

        for (var i = 0; i < commit.Index.Count; i++)
        {
            // A write that expects the key absent and leaves it so is only a check.
            var write = commit.Index[i];
            if (skipped?[i] != true && write is not { Condition: IndexCondition.Holds, Expected: null, Value: null })
            {
                record.Lookups.Add((write.Key, write.Value));
                written.Add((write.Key, new SqliteCache.LookupValue(write.Value)));
            }
        }

        for (var i = 0; i < bodies.Length; i++)
        {
            var draft = commit.Events[i];
            var stored = draft with { Sequence = stage.NextSequence(draft.Recipient) };
            record.Events.Add(new EventRow(
                stored.Recipient, stored.Sequence, stored.Scope, stored.Durable, stored.ExpiresAt.ToUnixMs(), bodies[i]));
            appended[i] = stored;
        }

        foreach (var (invitationId, dueAt) in commit.ScheduleTimeouts)
        {
            record.Timeouts.Add((invitationId, dueAt.ToUnixMs()));
        }

        foreach (var invitationId in commit.CancelTimeouts)
        {
            record.Timeouts.Add((invitationId, null));
        }

        foreach (var (scope, until) in commit.ExpireScopes)
        {
            record.ExpireScopes.Add((scope, until.ToUnixMs()));
        }

        record.Outbox.AddRange(commit.Outbox);
        foreach (var (key, value) in written)
        {
            stage.Stage(key, value);
        }

        return record;
    }

    /// <summary>
    /// The last write to <paramref name="key"/> before position <paramref name="before"/> of this commit, if any: a key
    /// written twice in one commit is checked the second time against the first write, as in one transaction.
    /// </summary>
    private static IndexWrite? LastWrite(List<IndexWrite> writes, bool[]? skipped, int before, string key)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            if (writes[i].Key == key && skipped?[i] != true)
            {
                return writes[i];
            }
        }

        return null;
    }

    public async Task<Page<string>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await database.SettleAsync(cancellationToken);
        return await database.ReadIdPageAsync(
            "SELECT id FROM aggregates WHERE kind = 'channel' AND id > $after ORDER BY id LIMIT $limit", cursor, limit, cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM sqlite_master");
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static string Key(string kind, string id) => $"{kind}:{id}";

    private async Task<T?> GetStoredAsync<T>(string kind, string id, JsonTypeInfo<T> type, Action<T, long> setVersion, CancellationToken cancellationToken)
        where T : class
    {
        var key = Key(kind, id);
        var generation = cache.Generation;
        if (!cache.TryGetAggregate(key, out var stored))
        {
            await using var connection = await database.OpenReaderAsync(cancellationToken);
            await using var command = connection.Command("SELECT version, body FROM aggregates WHERE kind = $kind AND id = $id")
                .With("$kind", kind).With("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var version = reader.GetInt64(0);
            var aggregate = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(1), type)!;
            setVersion(aggregate, version);
            stored = new SqliteCache.StoredAggregate(version, aggregate);
            cache.Remember(generation, key, stored);
        }

        // Never handed out: callers change what they load, so each gets a copy of it (see the public getters).
        return (T)stored.Value;
    }

    /// <summary>An aggregate as a commit stores it: its JSON, and the copy readers are handed copies of (at the stored version).</summary>
    private sealed record Row(string Kind, string Id, long Version, byte[] Body, object Stored);
}
