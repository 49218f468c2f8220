using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Listens on the wake channel: a commit on any node names its recipients, and this node wakes its own live readers
/// of them. A wake-up lost while Redis reconnects costs latency only: readers also look at the log on every heartbeat.
/// </summary>
public sealed class RedisWakeSubscriber(RedisConnection redis, EventWakeups wakeups, ILogger<RedisWakeSubscriber> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var channel = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(redis.Keys.WakeChannel));
            channel.OnMessage(message =>
            {
                var lines = ((string)message.Message!).Split('\n');
                if (lines[0] != redis.NodeId)
                {
                    wakeups.Wake(lines.Skip(1));
                }
            });
        }
        catch (RedisConnectionException ex)
        {
            // Not connected yet: the multiplexer subscribes again by itself once it connects.
            logger.LogWarning(ex, "Redis is not reachable yet; wake-ups from other nodes start once it is.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
