using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Each user's log is a Redis Stream whose entry ids are <c>{sequence}-0</c>. A live stream's read is answered from
/// <see cref="RecentEvents"/> when it can be (the wake messages carry every appended event, see
/// <see cref="RedisWakeSubscriber"/>), else from the stream. Retention: each event's expiry sits in one sorted set that
/// <see cref="PurgeExpiredAsync"/> works through, and every stream is capped in length. A stream's call events have no
/// copy of their invitation (<see cref="LoggedEvents"/>): it is restored from the invitation, through the store.
/// </summary>
public sealed class RedisEventLog(RedisConnection redis, RecentEvents recent, ISignalingStore store) : IEventLog
{
    private const int PurgeBatch = 1000;
    private readonly RedisKeys _keys = redis.Keys;

    public async Task<IReadOnlyList<SignalingEvent>> ReadAsync(string userId, long after, int max, CancellationToken cancellationToken = default)
    {
        if (recent.TryRead(userId, after, max) is { } held)
        {
            return held;
        }

        var entries = await redis.RunAsync(db => db.StreamRangeAsync(_keys.Log(userId), $"{after + 1}-0", "+", max));
        return await LoggedEvents.RestoreAsync(entries.Select(Read).ToList(), store, cancellationToken);
    }

    public async Task<long> GetLastSequenceAsync(string userId, CancellationToken cancellationToken = default) =>
        (long?)await redis.RunAsync(db => db.StringGetAsync(_keys.Sequence(userId))) ?? 0;

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            var batch = (int)await redis.EvaluateAsync(RedisScripts.Purge, [redis.Options.KeyPrefix, RedisSignalingStore.Ms(now), PurgeBatch]);
            purged += batch;
            if (batch < PurgeBatch)
            {
                return purged;
            }
        }
    }

    /// <summary>A stored body with what is kept beside it (the sequence, durability and expiry are not in the JSON).</summary>
    internal static SignalingEvent Decode(ReadOnlySpan<byte> body, long sequence, bool durable, long expiresAtMs) =>
        JsonSerializer.Deserialize(body, CoreJson.Default.SignalingEvent)! with
        {
            Sequence = sequence, Durable = durable, ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMs),
        };

    private static SignalingEvent Read(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        return Decode(((ReadOnlyMemory<byte>)entry["b"]).Span,
            long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture),
            (int)entry["d"] == 1, (long)entry["x"]);
    }
}
