using Signaling.Core.Ports;
using Signaling.Core.Webhooks;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The webhook outbox in the database file: a row per message and endpoint, written in the commit's transaction.
/// A claim leases the oldest row of each user (<c>due_at</c> moves to the lease's end); later rows of that user wait
/// behind it, so each user's messages leave in commit order. Leases of a dead process are released when the file is opened again.
/// </summary>
public sealed class SqliteWebhookOutbox(SqliteDatabase database) : IWebhookOutbox
{
    internal static void Append(SqliteWriteSession session, IReadOnlyList<WebhookMessage> messages)
    {
        foreach (var m in messages)
        {
            session.Command(
                    "INSERT INTO outbox (endpoint, order_key, message_id, type, created_at, body, due_at) VALUES ($e, $k, $id, $t, $c, $b, 0)")
                .With("$e", m.Endpoint).With("$k", m.OrderKey).With("$id", m.Id).With("$t", m.Type).With("$c", m.CreatedAt.ToUnixMs()).With("$b", m.Body)
                .ExecuteNonQuery();
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(string endpoint, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<OutboxEntry>>(async session =>
        {
            var command = session.Command(
                    """
                    UPDATE outbox SET due_at = $lease, leased = 1
                    WHERE seq IN (
                        SELECT o.seq FROM outbox o
                        WHERE o.endpoint = $e AND o.due_at <= $now
                          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.endpoint = o.endpoint AND p.order_key = o.order_key AND p.seq < o.seq)
                        ORDER BY o.seq LIMIT $max)
                    RETURNING seq, order_key, message_id, type, created_at, body, attempts
                    """)
                .With("$e", endpoint).With("$now", now.ToUnixMs()).With("$lease", leaseUntil.ToUnixMs()).With("$max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var claimed = new List<OutboxEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var message = new WebhookMessage(endpoint, reader.GetString(2), reader.GetString(3), reader.GetString(1),
                    SqliteCommandExtensions.FromUnixMs(reader.GetInt64(4)), reader.GetString(5));
                claimed.Add(new OutboxEntry(message, reader.GetInt32(6), reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            // RETURNING gives no order; deliverers hand out the oldest first.
            return claimed.OrderBy(c => long.Parse(c.Handle, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }, cancellationToken);

    public Task CompleteAsync(OutboxEntry entry, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => session.Command("DELETE FROM outbox WHERE seq = $seq").With("$seq", long.Parse(entry.Handle, System.Globalization.CultureInfo.InvariantCulture))
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public Task RetryAsync(OutboxEntry entry, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => session.Command("UPDATE outbox SET attempts = attempts + 1, due_at = $at, leased = 0 WHERE seq = $seq")
            .With("$seq", long.Parse(entry.Handle, System.Globalization.CultureInfo.InvariantCulture)).With("$at", retryAt.ToUnixMs())
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public async Task<OutboxBacklog> BacklogAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        await database.SettleAsync(cancellationToken);
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE endpoint = $e").With("$e", endpoint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxBacklog(reader.GetInt64(0), reader.IsDBNull(1) ? null : SqliteCommandExtensions.FromUnixMs(reader.GetInt64(1)));
    }
}
