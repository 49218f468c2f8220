using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// Each user's log in the event_log table; the newest events of active users are served from <see cref="SqliteCache"/>,
/// which also holds (pinned) the journalled events the table does not have yet. The table's rows of call events have no
/// copy of their invitation (<see cref="LoggedEvents"/>): it is restored from the invitation, through the store.
/// </summary>
public sealed class SqliteEventLog(SqliteDatabase database, SqliteCache cache, ISignalingStore store) : IEventLog
{
    /// <summary>A user's last sequence: their newest event's, or — when a purge took them all — the floor it left in user_seq.</summary>
    internal const string LastSequenceSql =
        "SELECT max(coalesce((SELECT last_seq FROM user_seq WHERE user_id = $user), 0), coalesce((SELECT max(seq) FROM event_log WHERE user_id = $user), 0))";

    public async Task<IReadOnlyList<SignalingEvent>> ReadAsync(string userId, long after, int max, CancellationToken cancellationToken = default)
    {
        if (cache.TryReadRecent(userId, after, max) is { } recent)
        {
            return recent;
        }

        // Pinned first, then the table: an event applied in between is in the table, and the two are joined by sequence.
        var pinned = cache.PinnedEvents(userId, after);
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
                "SELECT seq, durable, expires_at, body FROM event_log WHERE user_id = $user AND seq > $after ORDER BY seq LIMIT $max")
            .With("$user", userId).With("$after", after).With("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<SignalingEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The body was written before its sequence was known: the seq column is the sequence.
            var stored = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(3), CoreJson.Default.SignalingEvent)!;
            events.Add(stored with
            {
                Sequence = reader.GetInt64(0), Durable = reader.GetInt64(1) == 1, ExpiresAt = SqliteCommandExtensions.FromUnixMs(reader.GetInt64(2)),
            });
        }

        await LoggedEvents.RestoreAsync(events, store, cancellationToken);
        var last = events.Count > 0 ? events[^1].Sequence : after;
        events.AddRange(pinned.Where(e => e.Sequence > last).Take(max - events.Count));
        return events;
    }

    public async Task<long> GetLastSequenceAsync(string userId, CancellationToken cancellationToken = default)
    {
        var pinned = cache.PinnedLastSequence(userId);
        if (pinned > 0)
        {
            return pinned;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(LastSequenceSql).With("$user", userId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Before the events go, each user's newest purged sequence is kept as a floor, so sequences never go back.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                await session.Command(
                        "INSERT INTO user_seq (user_id, last_seq) SELECT user_id, max(seq) FROM event_log WHERE expires_at <= $now GROUP BY user_id " +
                        "ON CONFLICT (user_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)")
                    .With("$now", now.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken);
                return await session.Command("DELETE FROM event_log WHERE expires_at <= $now").With("$now", now.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken,
            committed: _ => cache.ForgetRecentEvents());
}
