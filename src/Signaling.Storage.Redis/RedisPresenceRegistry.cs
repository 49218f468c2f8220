using System.Globalization;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Each user's live connections in a sorted set by expiry, each connection's details in a hash, and the users with a
/// connection in one index for listing. The node holding a connection refreshes it with every heartbeat; when a node
/// dies its entries stop being refreshed and its users go offline within one presence period.
/// </summary>
public sealed class RedisPresenceRegistry(RedisConnection redis, WebhookMessages? webhooks = null, EventWakeups? wakeups = null, TimeProvider? clock = null)
    : IPresenceRegistry
{
    private readonly RedisKeys _keys = redis.Keys;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task ConnectAsync(LiveConnection connection, CancellationToken cancellationToken = default)
    {
        var online = Items(connection.UserId, online: true, connection.Surface);
        await redis.EvaluateAsync(RedisScripts.Connect, [
            redis.Options.KeyPrefix, connection.Id, connection.UserId, connection.ExpiresAt.ToUnixTimeMilliseconds(), (long)Keep(connection.ExpiresAt).TotalSeconds,
            connection.Surface, connection.Transport, connection.DeviceId ?? "", connection.Since.ToUnixTimeMilliseconds(), online,
        ]);
        Wake(online);
    }

    public async Task<bool> RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var userId = await redis.RunAsync(async db => (string?)await db.HashGetAsync(_keys.Connection(connectionId), "u"));
        if (userId is null)
        {
            return false;
        }

        await redis.RunAsync<bool>(async db =>
        {
            var batch = db.CreateBatch();
            var renew = Renew(batch, userId, connectionId, expiresAt);
            batch.Execute();
            await renew;
            return true;
        });
        return true;
    }

    public async Task<bool> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        // The offline message names the user, so it is made (only when wanted) from the connection's owner, read first.
        var offline = Reports && await redis.RunAsync(async db => (string?)await db.HashGetAsync(_keys.Connection(connectionId), "u")) is { } user
            ? Items(user, online: false, null)
            : "[]";
        var removed = (int)await redis.EvaluateAsync(RedisScripts.Disconnect, [redis.Options.KeyPrefix, connectionId, offline]) == 1;
        Wake(offline);
        return removed;
    }

    /// <summary>Users whose latest connection expired (a bounded batch per call), each dropped unless a live connection came meanwhile.</summary>
    public async Task ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var users = await redis.RunAsync(db => db.SortedSetRangeByScoreAsync(_keys.PresenceExpiry, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: 500));
        foreach (var user in users)
        {
            await ForgetIfOfflineAsync((string)user!, now);
        }
    }

    public async Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (int)await redis.RunAsync(db => db.SortedSetLengthAsync(_keys.Presence(userId), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start));

    public async Task<Page<LiveConnection>> ListOnlineAsync(DateTimeOffset now, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var users = await redis.RunAsync(db => db.MembersAfterAsync(_keys.Online, cursor, limit));
        var connections = new List<LiveConnection>();
        foreach (var user in users.Items)
        {
            var ids = await redis.RunAsync(db => db.SortedSetRangeByScoreWithScoresAsync(
                _keys.Presence(user), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start));
            if (ids.Length == 0)
            {
                await ForgetIfOfflineAsync(user, now);
            }

            foreach (var entry in ids)
            {
                var fields = await redis.RunAsync(db => db.HashGetAsync(_keys.Connection(entry.Element!), ["s", "t", "d", "since"]));
                if (!fields[0].IsNull)
                {
                    connections.Add(new LiveConnection(
                        entry.Element!, user, DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score), (string)fields[0]!, (string)fields[1]!,
                        fields[2].IsNullOrEmpty ? null : (string)fields[2]!, DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)fields[3]!, CultureInfo.InvariantCulture))));
                }
            }
        }

        return new Page<LiveConnection>(connections.OrderBy(c => c.UserId, StringComparer.Ordinal).ThenBy(c => c.Since).ToList(),
            users.Next);
    }

    /// <summary>
    /// Entries count by their score; the keys' own expiry only bounds memory (refreshes come in time order, so the newest
    /// is the latest), with an hour to spare whatever clock the expiries were read from.
    /// </summary>
    private Task Renew(IBatch batch, string userId, string connectionId, DateTimeOffset expiresAt)
    {
        var keep = Keep(expiresAt);
        return Task.WhenAll(
            batch.SortedSetAddAsync(_keys.Presence(userId), connectionId, expiresAt.ToUnixTimeMilliseconds()),
            batch.SortedSetAddAsync(_keys.PresenceExpiry, userId, expiresAt.ToUnixTimeMilliseconds(), SortedSetWhen.GreaterThan),
            batch.KeyExpireAsync(_keys.Presence(userId), keep),
            batch.KeyExpireAsync(_keys.Connection(connectionId), keep));
    }

    private static TimeSpan Keep(DateTimeOffset expiresAt) =>
        (expiresAt > DateTimeOffset.UtcNow ? expiresAt - DateTimeOffset.UtcNow : TimeSpan.Zero) + TimeSpan.FromHours(1);

    private async Task ForgetIfOfflineAsync(string user, DateTimeOffset now)
    {
        var offline = Items(user, online: false, null);
        if ((int)await redis.EvaluateAsync(RedisScripts.ForgetIfOffline,
                [redis.Options.KeyPrefix, user, now.ToUnixTimeMilliseconds(), offline]) == 1)
        {
            Wake(offline);
        }
    }

    private bool Reports => webhooks?.Wants(WebhookTypes.UserPresence) == true;

    /// <summary>The user.presence messages as the scripts' JSON items ("[]" when no endpoint wants them).</summary>
    private string Items(string user, bool online, string? surface) =>
        Reports ? RedisWebhookOutbox.Items(webhooks!.Presence(user, online, surface, _clock.GetUtcNow())) : "[]";

    private void Wake(string items)
    {
        if (items != "[]")
        {
            wakeups?.WakeOutbox();
        }
    }
}
