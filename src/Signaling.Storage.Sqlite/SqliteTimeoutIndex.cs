using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// Timeouts in the database file. A poll when nothing can be due yet (the database knows the earliest time one can be)
/// returns at once, without a write.
/// </summary>
public sealed class SqliteTimeoutIndex(SqliteDatabase database) : ITimeoutIndex
{
    public async Task<IReadOnlyList<DueTimeout>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        if (!database.MayHaveDueTimeouts(now.ToUnixMs()))
        {
            return [];
        }

        database.LookingForDueTimeouts();
        try
        {
            return await database.WriteAsync<IReadOnlyList<DueTimeout>>(async session =>
            {
                var command = session.Command(
                        """
                        UPDATE timeouts SET lease_until = $lease
                        WHERE invitation_id IN (
                            SELECT invitation_id FROM timeouts WHERE due_at <= $now AND lease_until <= $now ORDER BY due_at LIMIT $max)
                        RETURNING invitation_id, due_at
                        """)
                    .With("$now", now.ToUnixMs()).With("$lease", (now + lease).ToUnixMs()).With("$max", max);
                var due = new List<DueTimeout>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        due.Add(new DueTimeout(reader.GetString(0), SqliteCommandExtensions.FromUnixMs(reader.GetInt64(1))));
                    }
                }

                // A leased timeout can be claimed again when its lease ends.
                var next = await session.Command("SELECT min(max(due_at, lease_until)) FROM timeouts").ExecuteScalarAsync(cancellationToken);
                database.TimeoutsDueFrom(next is long at ? at : long.MaxValue);
                return due;
            }, cancellationToken);
        }
        catch
        {
            database.TimeoutsDueFrom(0);
            throw;
        }
        finally
        {
            database.LookedForDueTimeouts();
        }
    }

    public async Task<Page<string>> ListScheduledAsync(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await database.SettleAsync(cancellationToken);
        return await database.ReadIdPageAsync(
            "SELECT invitation_id FROM timeouts WHERE invitation_id > $after ORDER BY invitation_id LIMIT $limit", cursor, limit, cancellationToken);
    }
}
