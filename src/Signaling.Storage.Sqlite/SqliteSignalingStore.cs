using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Users;

namespace Signaling.Storage.Sqlite;

/// <summary>The aggregate store on SQLite: aggregates as JSON documents with a version column, one transaction per commit.</summary>
public sealed class SqliteSignalingStore(SqliteDatabase database, EventWakeups wakeups) : ISignalingStore
{
    public Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("invitation", id, CoreJson.Default.Invitation, (a, v) => a.Version = v, cancellationToken);

    public Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("channel", id, CoreJson.Default.Channel, (a, v) => a.Version = v, cancellationToken);

    public Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("user", id, CoreJson.Default.UserProfile, (a, v) => a.Version = v, cancellationToken);

    public async Task<string?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM lookup WHERE key = $key").With("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SignalingEvent> appended;
        try
        {
            appended = await database.WriteAsync(async (connection, transaction) =>
            {
                var saved = true;
                foreach (var invitation in commit.Invitations)
                {
                    saved &= await SaveAsync(connection, transaction, "invitation", invitation.Id, invitation.Version,
                        JsonSerializer.Serialize(invitation, CoreJson.Default.Invitation), cancellationToken);
                }

                foreach (var channel in commit.Channels)
                {
                    saved &= await SaveAsync(connection, transaction, "channel", channel.Id, channel.Version,
                        JsonSerializer.Serialize(channel, CoreJson.Default.Channel), cancellationToken);
                }

                foreach (var user in commit.Users)
                {
                    saved &= await SaveAsync(connection, transaction, "user", user.Id, user.Version,
                        JsonSerializer.Serialize(user, CoreJson.Default.UserProfile), cancellationToken);
                }

                if (!saved || !await WriteIndexAsync(connection, transaction, commit.Index, cancellationToken))
                {
                    throw new ConflictException(); // Rolls the transaction back.
                }

                var events = await AppendEventsAsync(connection, transaction, commit.Events, cancellationToken);
                await WriteTimeoutsAsync(connection, transaction, commit, cancellationToken);
                return events;
            }, cancellationToken);
        }
        catch (ConflictException)
        {
            return CommitResult.Conflicted;
        }

        // Only now does the caller's copy match what is stored.
        commit.Invitations.ForEach(i => i.Version++);
        commit.Channels.ForEach(c => c.Version++);
        commit.Users.ForEach(u => u.Version++);
        wakeups.Wake(appended.Select(e => e.Recipient).Distinct());
        return new CommitResult(false, appended);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM sqlite_master");
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task<T?> GetAsync<T>(string kind, string id, JsonTypeInfo<T> type, Action<T, long> setVersion, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT version, body FROM aggregates WHERE kind = $kind AND id = $id")
            .With("$kind", kind).With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var aggregate = JsonSerializer.Deserialize(reader.GetString(1), type)!;
        setVersion(aggregate, reader.GetInt64(0));
        return aggregate;
    }

    /// <summary>
    /// Inserts a new aggregate (version 0) or updates one whose stored version is still the one read. The stored
    /// version is authoritative: the body's own copy is overwritten on load.
    /// </summary>
    private static async Task<bool> SaveAsync(
        SqliteConnection connection, SqliteTransaction transaction, string kind, string id, long version, string body,
        CancellationToken cancellationToken)
    {
        var sql = version == 0
            ? "INSERT INTO aggregates (kind, id, version, body) VALUES ($kind, $id, 1, $body) ON CONFLICT DO NOTHING"
            : "UPDATE aggregates SET version = $version + 1, body = $body WHERE kind = $kind AND id = $id AND version = $version";
        await using var command = connection.Command(sql, transaction)
            .With("$kind", kind).With("$id", id).With("$version", version).With("$body", body);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> WriteIndexAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<IndexWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            await using var read = connection.Command("SELECT value FROM lookup WHERE key = $key", transaction).With("$key", write.Key);
            if (await read.ExecuteScalarAsync(cancellationToken) as string != write.Expected)
            {
                return false;
            }

            var sql = write.Value is null
                ? "DELETE FROM lookup WHERE key = $key"
                : "INSERT INTO lookup (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
            await using var command = connection.Command(sql, transaction).With("$key", write.Key).With("$value", write.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    private static async Task<List<SignalingEvent>> AppendEventsAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<SignalingEvent> events, CancellationToken cancellationToken)
    {
        var appended = new List<SignalingEvent>(events.Count);
        foreach (var draft in events)
        {
            await using var next = connection.Command(
                    "INSERT INTO user_seq (user_id, last_seq) VALUES ($user, 1) " +
                    "ON CONFLICT (user_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq", transaction)
                .With("$user", draft.Recipient);
            var sequence = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
            var stored = draft with { Sequence = sequence };
            await using var insert = connection.Command(
                    "INSERT INTO events (user_id, seq, scope, durable, expires_at, body) VALUES ($user, $seq, $scope, $durable, $expires, $body)",
                    transaction)
                .With("$user", stored.Recipient).With("$seq", sequence).With("$scope", stored.Scope)
                .With("$durable", stored.Durable ? 1 : 0).With("$expires", stored.ExpiresAt.ToUnixMs())
                .With("$body", JsonSerializer.Serialize(stored, CoreJson.Default.SignalingEvent));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            appended.Add(stored);
        }

        return appended;
    }

    private static async Task WriteTimeoutsAsync(SqliteConnection connection, SqliteTransaction transaction, Commit commit, CancellationToken cancellationToken)
    {
        foreach (var (invitationId, due) in commit.ScheduleTimeouts)
        {
            await using var command = connection.Command(
                    "INSERT INTO timeouts (invitation_id, due_at, lease_until) VALUES ($id, $due, 0) " +
                    "ON CONFLICT (invitation_id) DO UPDATE SET due_at = excluded.due_at, lease_until = 0", transaction)
                .With("$id", invitationId).With("$due", due.ToUnixMs());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var invitationId in commit.CancelTimeouts)
        {
            await using var command = connection.Command("DELETE FROM timeouts WHERE invitation_id = $id", transaction).With("$id", invitationId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (scope, until) in commit.ExpireScopes)
        {
            await using var command = connection.Command(
                    "UPDATE events SET expires_at = min(expires_at, $until) WHERE scope = $scope AND durable = 0", transaction)
                .With("$scope", scope).With("$until", until.ToUnixMs());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed class ConflictException : Exception;
}
