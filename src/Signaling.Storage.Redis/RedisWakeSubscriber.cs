using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Listens on the wake channel, where every commit (this node's too) publishes the events it appended, in the order
/// Redis ran the commits. For each recipient with a live reader here the events are kept in <see cref="RecentEvents"/>
/// and the reader is woken, so it reads them from memory; a recipient without one is forgotten, so what is kept has
/// no gaps. Messages sent while the connection is down are lost, so a lost connection forgets everything kept: readers
/// read the streams until new messages arrive, and look at them on every heartbeat anyway.
/// </summary>
public sealed class RedisWakeSubscriber(RedisConnection redis, EventWakeups wakeups, RecentEvents recent, ILogger<RedisWakeSubscriber> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = redis.Multiplexer;
            multiplexer.ConnectionFailed += (_, _) => recent.Clear();
            multiplexer.ConnectionRestored += (_, _) => recent.Clear();
            var channel = await multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(redis.Keys.WakeChannel));
            channel.OnMessage(message => Received((ReadOnlyMemory<byte>)message.Message));
        }
        catch (RedisConnectionException ex)
        {
            // Not connected yet: the multiplexer subscribes again by itself once it connects.
            logger.LogWarning(ex, "Redis is not reachable yet; wake-ups from other nodes start once it is.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Received(ReadOnlyMemory<byte> message)
    {
        var woken = new List<SignalingEvent>();
        foreach (var appended in RedisWakeMessage.Read(message))
        {
            if (!wakeups.Watches(appended.Recipient))
            {
                recent.Forget(appended.Recipient);
            }
            else if (!recent.Contains(appended.Recipient, appended.Sequence))
            {
                // Not yet kept by this node's own commit (its reply and this message race): keep it and wake.
                var signalingEvent = appended.Decode();
                recent.Add(signalingEvent);
                woken.Add(signalingEvent);
            }
        }

        wakeups.Wake(woken);
    }
}
