using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Each user's live connections in a sorted set by expiry. The node holding a connection refreshes it with every
/// heartbeat; when a node dies its entries stop being refreshed and its users go offline within one presence period.
/// </summary>
public sealed class RedisPresenceRegistry(RedisConnection redis) : IPresenceRegistry
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task ConnectAsync(string userId, string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        redis.RunAsync<bool>(async db =>
        {
            var batch = db.CreateBatch();
            var set = batch.StringSetAsync(_keys.Connection(connectionId), userId);
            var add = batch.SortedSetAddAsync(_keys.Presence(userId), connectionId, expiresAt.ToUnixTimeMilliseconds());
            // Entries count by their score; the keys' own expiry only bounds memory (refreshes come in time order, so the
            // newest is the latest), with an hour to spare whatever clock the expiries were read from.
            var keep = KeepFor(expiresAt);
            var expire = batch.KeyExpireAsync(_keys.Presence(userId), keep);
            var expireConnection = batch.KeyExpireAsync(_keys.Connection(connectionId), keep);
            batch.Execute();
            await Task.WhenAll(set, add, expire, expireConnection);
            return true;
        });

    public async Task RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var userId = await redis.RunAsync(async db => (string?)await db.StringGetAsync(_keys.Connection(connectionId)));
        if (userId is not null)
        {
            await ConnectAsync(userId, connectionId, expiresAt, cancellationToken);
        }
    }

    public Task DisconnectAsync(string connectionId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var userId = (string?)await db.StringGetDeleteAsync(_keys.Connection(connectionId));
            return userId is not null && await db.SortedSetRemoveAsync(_keys.Presence(userId), connectionId);
        });

    private static TimeSpan KeepFor(DateTimeOffset expiresAt) =>
        (expiresAt > DateTimeOffset.UtcNow ? expiresAt - DateTimeOffset.UtcNow : TimeSpan.Zero) + TimeSpan.FromHours(1);

    public async Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (int)await redis.RunAsync(db => db.SortedSetLengthAsync(_keys.Presence(userId), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start));
}
