using System.Globalization;
using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Each user's live connections in a sorted set by expiry, each connection's details in a hash, and the users with a
/// connection in one index for listing. The node holding a connection refreshes it with every heartbeat; when a node
/// dies its entries stop being refreshed and its users go offline within one presence period.
/// </summary>
public sealed class RedisPresenceRegistry(RedisConnection redis) : IPresenceRegistry
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task ConnectAsync(LiveConnection connection, CancellationToken cancellationToken = default) =>
        redis.RunAsync<bool>(async db =>
        {
            // Details first and the online index last, so the index never names a user whose connection is not there yet.
            var batch = db.CreateBatch();
            var connectionKey = _keys.Connection(connection.Id);
            var details = batch.HashSetAsync(connectionKey,
            [
                new HashEntry("u", connection.UserId), new HashEntry("s", connection.Surface), new HashEntry("t", connection.Transport),
                new HashEntry("d", connection.DeviceId ?? ""), new HashEntry("since", connection.Since.ToUnixTimeMilliseconds()),
            ]);
            var renew = Renew(batch, connection.UserId, connection.Id, connection.ExpiresAt);
            var online = batch.SortedSetAddAsync(_keys.Online, connection.UserId, 0);
            batch.Execute();
            await Task.WhenAll(details, renew, online);
            return true;
        });

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

    public async Task<bool> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default) =>
        (int)await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Disconnect, null, [redis.Options.KeyPrefix, connectionId])) == 1;

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
                await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.ForgetIfOffline, null,
                    [redis.Options.KeyPrefix, user, now.ToUnixTimeMilliseconds()]));
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
        var keep = (expiresAt > DateTimeOffset.UtcNow ? expiresAt - DateTimeOffset.UtcNow : TimeSpan.Zero) + TimeSpan.FromHours(1);
        return Task.WhenAll(
            batch.SortedSetAddAsync(_keys.Presence(userId), connectionId, expiresAt.ToUnixTimeMilliseconds()),
            batch.KeyExpireAsync(_keys.Presence(userId), keep),
            batch.KeyExpireAsync(_keys.Connection(connectionId), keep));
    }
}
