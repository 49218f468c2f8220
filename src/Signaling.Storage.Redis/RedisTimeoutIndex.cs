using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>Due timeouts in one sorted set; a claim moves each due timeout forward by its lease in one script, so each goes to one node.</summary>
public sealed class RedisTimeoutIndex(RedisConnection redis) : ITimeoutIndex
{
    public async Task<IReadOnlyList<DueTimeout>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        var claimed = (RedisResult[])(await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Claim, null,
            [redis.Options.KeyPrefix, RedisSignalingStore.Ms(now), RedisSignalingStore.Ms(now + lease), max])))!;
        var due = new List<DueTimeout>(claimed.Length / 2);
        for (var i = 0; i < claimed.Length; i += 2)
        {
            due.Add(new DueTimeout((string)claimed[i]!, DateTimeOffset.FromUnixTimeMilliseconds((long)(double)claimed[i + 1])));
        }

        return due;
    }
}
