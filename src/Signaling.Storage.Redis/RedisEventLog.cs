using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Each user's log is a Redis Stream whose entry ids are <c>{sequence}-0</c>; readers always read the stream (a
/// pub/sub wake-up only says "look"), so a missed wake-up never loses an event. Retention: each event's expiry sits
/// in one sorted set that <see cref="PurgeExpiredAsync"/> works through, and every stream is capped in length.
/// </summary>
public sealed class RedisEventLog(RedisConnection redis) : IEventLog
{
    private const int PurgeBatch = 1000;
    private readonly RedisKeys _keys = redis.Keys;

    public async Task<IReadOnlyList<SignalingEvent>> ReadAsync(string userId, long after, int max, CancellationToken cancellationToken = default)
    {
        var entries = await redis.RunAsync(db => db.StreamRangeAsync(_keys.Log(userId), $"{after + 1}-0", "+", max));
        return entries.Select(Read).ToList();
    }

    public async Task<long> GetLastSequenceAsync(string userId, CancellationToken cancellationToken = default) =>
        (long?)await redis.RunAsync(db => db.StringGetAsync(_keys.Sequence(userId))) ?? 0;

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            var batch = (int)await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Purge, null,
                [redis.Options.KeyPrefix, RedisSignalingStore.Ms(now), PurgeBatch]));
            purged += batch;
            if (batch < PurgeBatch)
            {
                return purged;
            }
        }
    }

    private static SignalingEvent Read(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var stored = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)entry["b"]).Span, CoreJson.Default.SignalingEvent)!;
        return stored with
        {
            Sequence = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture),
            Durable = (int)entry["d"] == 1,
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)entry["x"]),
        };
    }
}
