using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

/// <summary>Each user's log in the events table; the newest events of active users are served from <see cref="SqliteCache"/>.</summary>
public sealed class SqliteEventLog(SqliteDatabase database, SqliteCache cache) : IEventLog
{
    public async Task<IReadOnlyList<SignalingEvent>> ReadAsync(string userId, long after, int max, CancellationToken cancellationToken = default)
    {
        if (cache.TryReadRecent(userId, after, max) is { } recent)
        {
            return recent;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
                "SELECT seq, durable, expires_at, body FROM events WHERE user_id = $user AND seq > $after ORDER BY seq LIMIT $max")
            .With("$user", userId).With("$after", after).With("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<SignalingEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The body was written before its sequence was known: the seq column is the sequence.
            var stored = JsonSerializer.Deserialize(reader.GetString(3), CoreJson.Default.SignalingEvent)!;
            events.Add(stored with
            {
                Sequence = reader.GetInt64(0), Durable = reader.GetInt64(1) == 1, ExpiresAt = SqliteCommandExtensions.FromUnixMs(reader.GetInt64(2)),
            });
        }

        return events;
    }

    public async Task<long> GetLastSequenceAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT last_seq FROM user_seq WHERE user_id = $user").With("$user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : 0;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            session => session.Command("DELETE FROM events WHERE expires_at <= $now").With("$now", now.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken,
            committed: _ => cache.ForgetRecentEvents());
}
