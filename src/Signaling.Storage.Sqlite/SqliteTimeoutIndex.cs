using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

public sealed class SqliteTimeoutIndex(SqliteDatabase database) : ITimeoutIndex
{
    public Task<IReadOnlyList<DueTimeout>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<DueTimeout>>(async session =>
        {
            var command = session.Command(
                    """
                    UPDATE timeouts SET lease_until = $lease
                    WHERE invitation_id IN (
                        SELECT invitation_id FROM timeouts WHERE due_at <= $now AND lease_until <= $now ORDER BY due_at LIMIT $max)
                    RETURNING invitation_id, due_at
                    """)
                .With("$now", now.ToUnixMs()).With("$lease", (now + lease).ToUnixMs()).With("$max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var due = new List<DueTimeout>();
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new DueTimeout(reader.GetString(0), SqliteCommandExtensions.FromUnixMs(reader.GetInt64(1))));
            }

            return due;
        }, cancellationToken);

    public async Task<Page<string>> ListScheduledAsync(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await database.SettleAsync(cancellationToken);
        return await database.ReadIdPageAsync(
            "SELECT invitation_id FROM timeouts WHERE invitation_id > $after ORDER BY invitation_id LIMIT $limit", cursor, limit, cancellationToken);
    }
}
