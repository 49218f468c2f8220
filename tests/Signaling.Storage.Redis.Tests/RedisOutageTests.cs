using Microsoft.Extensions.Options;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;
using StackExchange.Redis;

namespace Signaling.Storage.Redis.Tests;

/// <summary>What the provider does when Redis goes away and comes back: a clear, quick failure, then recovery.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Outage_FailsFastAsStoreUnavailable_ThenRecoversWithoutANewConnection()
    {
        await using var server = new RedisServer();
        await server.StartAsync();
        await using var connection = new RedisConnection(Options.Create(new RedisStorageOptions
        {
            Configuration = server.Configuration, CommandTimeout = TimeSpan.FromSeconds(1),
        }));
        var store = new RedisSignalingStore(connection, new EventWakeups(), new RecentEvents());
        Assert.True(await store.PingAsync());

        server.Stop();
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.FindAsync("anything"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "an outage must not hang callers");

        await using var restarted = new RedisServer(server.Port);
        await restarted.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                Assert.True(await store.PingAsync());
                break;
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A Redis restarted from its data file, or told SCRIPT FLUSH, has the data but not the scripts: commits must go on.</summary>
    [Fact]
    public async Task ARedisThatForgotItsScripts_StillTakesCommits()
    {
        await using var server = new RedisServer();
        await server.StartAsync();
        await using var connection = new RedisConnection(Options.Create(new RedisStorageOptions { Configuration = server.Configuration }));
        var store = new RedisSignalingStore(connection, new EventWakeups(), new RecentEvents());
        Assert.Equal(1, (await store.CommitAsync(MessageToBob())).Appended[0].Sequence);

        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true"))
        {
            await admin.GetServer(server.Configuration).ScriptFlushAsync();
        }

        Assert.Equal(2, (await store.CommitAsync(MessageToBob())).Appended[0].Sequence);
    }

    private static Commit MessageToBob()
    {
        var commit = new Commit();
        commit.Events.Add(new SignalingEvent
        {
            Recipient = "bob", Kind = EventKind.PeerMessage, Time = DateTimeOffset.UtcNow, Actor = new Signaling.Core.Actor("alice"), Durable = true,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        return commit;
    }
}
