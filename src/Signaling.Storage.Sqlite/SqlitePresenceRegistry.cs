using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

public sealed class SqlitePresenceRegistry(SqliteDatabase database) : IPresenceRegistry
{
    public Task ConnectAsync(string userId, string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "INSERT INTO presence (connection_id, user_id, expires_at) VALUES ($id, $user, $expires) " +
            "ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at",
            connectionId, userId, expiresAt, cancellationToken);

    public Task RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE presence SET expires_at = $expires WHERE connection_id = $id", connectionId, null, expiresAt, cancellationToken);

    public Task DisconnectAsync(string connectionId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM presence WHERE connection_id = $id", connectionId, null, null, cancellationToken);

    public async Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM presence WHERE user_id = $user AND expires_at > $now")
            .With("$user", userId).With("$now", now.ToUnixMs());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task ExecuteAsync(string sql, string connectionId, string? userId, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(
            session => session.Command(sql).With("$id", connectionId).With("$user", userId).With("$expires", expiresAt?.ToUnixMs())
                .ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);
}
