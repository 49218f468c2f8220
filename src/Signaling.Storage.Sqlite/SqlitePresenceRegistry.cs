using Microsoft.Data.Sqlite;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// Connections in the database file. A user is online for webhooks from their first row to the removal of their last
/// (disconnect, or expiry of a dead process's rows), and each <c>user.presence</c> message is written in that change's transaction.
/// </summary>
public sealed class SqlitePresenceRegistry(
    SqliteDatabase database, WebhookMessages? webhooks = null, EventWakeups? wakeups = null, TimeProvider? clock = null) : IPresenceRegistry
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task ConnectAsync(LiveConnection connection, CancellationToken cancellationToken = default) =>
        Written(await database.WriteAsync(async session =>
        {
            var first = Reports && await CountRowsAsync(session, connection.UserId, cancellationToken) == 0;
            await session.Command(
                    "INSERT INTO connections (connection_id, user_id, expires_at, surface, transport, device_id, since) " +
                    "VALUES ($id, $user, $expires, $surface, $transport, $device, $since) " +
                    "ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at")
                .With("$id", connection.Id).With("$user", connection.UserId).With("$expires", connection.ExpiresAt.ToUnixMs())
                .With("$surface", connection.Surface).With("$transport", connection.Transport).With("$device", connection.DeviceId)
                .With("$since", connection.Since.ToUnixMs())
                .ExecuteNonQueryAsync(cancellationToken);
            if (first)
            {
                SqliteWebhookOutbox.Append(session, webhooks!.Presence(connection.UserId, online: true, connection.Surface, _clock.GetUtcNow()).ToList());
            }

            return first;
        }, cancellationToken));

    public async Task<bool> RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(
            session => session.Command("UPDATE connections SET expires_at = $expires WHERE connection_id = $id")
                .With("$id", connectionId).With("$expires", expiresAt.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken) > 0;

    public async Task<bool> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var (removed, wrote) = await database.WriteAsync(async session =>
        {
            var user = (string?)await session.Command("DELETE FROM connections WHERE connection_id = $id RETURNING user_id")
                .With("$id", connectionId).ExecuteScalarAsync(cancellationToken);
            return (user is not null, user is not null && await OfflineIfLastAsync(session, [user], cancellationToken));
        }, cancellationToken);
        Written(wrote);
        return removed;
    }

    public async Task ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Written(await database.WriteAsync(async session =>
        {
            var users = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await session.Command("DELETE FROM connections WHERE expires_at <= $now RETURNING user_id")
                             .With("$now", now.ToUnixMs()).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    users.Add(reader.GetString(0));
                }
            }

            return await OfflineIfLastAsync(session, users, cancellationToken);
        }, cancellationToken));

    private bool Reports => webhooks?.Wants(WebhookTypes.UserPresence) == true;

    /// <summary>Writes user.presence (offline) for each of <paramref name="users"/> left without a connection; true when it wrote any.</summary>
    private async Task<bool> OfflineIfLastAsync(SqliteWriteSession session, IEnumerable<string> users, CancellationToken cancellationToken)
    {
        var wrote = false;
        foreach (var user in Reports ? users : [])
        {
            if (await CountRowsAsync(session, user, cancellationToken) == 0)
            {
                SqliteWebhookOutbox.Append(session, webhooks!.Presence(user, online: false, null, _clock.GetUtcNow()).ToList());
                wrote = true;
            }
        }

        return wrote;
    }

    /// <summary>Once a write with webhook messages is durable, the deliverers look at once.</summary>
    private void Written(bool messages)
    {
        if (messages)
        {
            wakeups?.WakeOutbox();
        }
    }

    private static async Task<long> CountRowsAsync(SqliteWriteSession session, string user, CancellationToken cancellationToken) =>
        (long)(await session.Command("SELECT count(*) FROM connections WHERE user_id = $user").With("$user", user).ExecuteScalarAsync(cancellationToken))!;

    public async Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM connections WHERE user_id = $user AND expires_at > $now")
            .With("$user", userId).With("$now", now.ToUnixMs());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Page<LiveConnection>> ListOnlineAsync(DateTimeOffset now, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
                """
                SELECT connection_id, user_id, expires_at, surface, transport, device_id, since FROM connections
                WHERE expires_at > $now AND user_id IN (
                    SELECT DISTINCT user_id FROM connections WHERE expires_at > $now AND user_id > $after ORDER BY user_id LIMIT $limit)
                ORDER BY user_id, since
                """)
            .With("$now", now.ToUnixMs()).With("$after", cursor ?? "").With("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var connections = new List<LiveConnection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            connections.Add(Read(reader));
        }

        var users = connections.Select(c => c.UserId).Distinct().ToList();
        return new Page<LiveConnection>(connections, users.Count == limit ? users[^1] : null);
    }

    private static LiveConnection Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), SqliteCommandExtensions.FromUnixMs(reader.GetInt64(2)), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), SqliteCommandExtensions.FromUnixMs(reader.GetInt64(6)));
}
