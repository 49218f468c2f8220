using Microsoft.Data.Sqlite;
using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

public sealed class SqlitePresenceRegistry(SqliteDatabase database) : IPresenceRegistry
{
    public Task ConnectAsync(LiveConnection connection, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            session => session.Command(
                    "INSERT INTO connections (connection_id, user_id, expires_at, surface, transport, device_id, since) " +
                    "VALUES ($id, $user, $expires, $surface, $transport, $device, $since) " +
                    "ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at")
                .With("$id", connection.Id).With("$user", connection.UserId).With("$expires", connection.ExpiresAt.ToUnixMs())
                .With("$surface", connection.Surface).With("$transport", connection.Transport).With("$device", connection.DeviceId)
                .With("$since", connection.Since.ToUnixMs())
                .ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    public async Task<bool> RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(
            session => session.Command("UPDATE connections SET expires_at = $expires WHERE connection_id = $id")
                .With("$id", connectionId).With("$expires", expiresAt.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken) > 0;

    public async Task<bool> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(
            session => session.Command("DELETE FROM connections WHERE connection_id = $id").With("$id", connectionId).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken) > 0;

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
