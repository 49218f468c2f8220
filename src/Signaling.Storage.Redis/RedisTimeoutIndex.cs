using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>Due timeouts in one sorted set; a claim moves each due timeout forward by its lease in one script, so each goes to one node.</summary>
public sealed class RedisTimeoutIndex(RedisConnection redis) : ITimeoutIndex
{
    public async Task<IReadOnlyList<DueTimeout>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        var claimed = (RedisResult[])(await redis.EvaluateAsync(RedisScripts.Claim,
            [redis.Options.KeyPrefix, RedisSignalingStore.Ms(now), RedisSignalingStore.Ms(now + lease), max]))!;
        var due = new List<DueTimeout>(claimed.Length / 2);
        for (var i = 0; i < claimed.Length; i += 2)
        {
            due.Add(new DueTimeout((string)claimed[i]!, DateTimeOffset.FromUnixTimeMilliseconds((long)(double)claimed[i + 1])));
        }

        return due;
    }

    /// <summary>By rank in due order; the cursor is the offset of the next page.</summary>
    public async Task<Page<string>> ListScheduledAsync(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var offset = long.TryParse(cursor, out var parsed) && parsed > 0 ? parsed : 0;
        var ids = await redis.RunAsync(db => db.SortedSetRangeByRankAsync(redis.Keys.Timeouts, offset, offset + limit - 1));
        return new Page<string>(ids.Select(id => (string)id!).ToList(), ids.Length == limit ? (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
