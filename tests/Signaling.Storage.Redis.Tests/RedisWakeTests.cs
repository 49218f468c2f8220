using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;
using StackExchange.Redis;

namespace Signaling.Storage.Redis.Tests;

/// <summary>
/// Two nodes on one redis-server: the commit's wake message carries its events, and a node answers its readers from
/// what it kept of them — which must never make it say "nothing newer" while the stream has more.
/// </summary>
public sealed class RedisWakeTests
{
    [Fact]
    public async Task AReaderOnAnotherNode_GetsEveryEvent_EvenWhenThatNodesSubscriptionDropsInBetween()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (server, a, b) = (nodes.Server, nodes.A, nodes.B);
        using var reader = b.Wakeups.Register("bob");
        var woken = b.Wakeups.WaitFor("bob");

        await AppendAsync(a, "first");
        await woken.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["first"], (await b.Log.ReadAsync("bob", 0, 10)).Select(e => e.Data));

        // B's subscription is cut; what A commits now is published while B does not listen.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true"))
        {
            await admin.GetServer(server.Configuration).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }

        await AppendAsync(a, "second");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<SignalingEvent> missed;
        while ((missed = await b.Log.ReadAsync("bob", 1, 10)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(["second"], missed.Select(e => e.Data));
    }

    [Fact]
    public async Task EventsCommittedOnBothNodes_AreReadInSequenceOrderOnEach()
    {
        var storage = new RedisStorage();
        await using var a = await storage.OpenAsync();
        await using var b = await storage.OpenAsync();
        using var onA = a.Wakeups.Register("bob");
        using var onB = b.Wakeups.Register("bob");

        for (var i = 0; i < 20; i++)
        {
            await Task.WhenAll(AppendAsync(a, $"a{i}"), AppendAsync(b, $"b{i}"));
        }

        foreach (var node in new[] { a, b })
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            List<SignalingEvent> read = [];
            while (read.Count < 40 && DateTime.UtcNow < deadline)
            {
                var batch = await node.Log.ReadAsync("bob", read.Count == 0 ? 0 : read[^1].Sequence, 10);
                read.AddRange(batch);
                if (batch.Count == 0)
                {
                    await Task.Delay(50);
                }
            }

            Assert.Equal(Enumerable.Range(1, 40).Select(s => (long)s), read.Select(e => e.Sequence));
        }
    }

    /// <summary>
    /// Issue #16: a stream keeps a call's event without its copy of the invitation; the wake message carries the copy, so
    /// another node's reader gets it from memory — here with the stream and the invitation already gone from Redis.
    /// </summary>
    [Fact]
    public async Task ACallEvent_IsStreamedWithoutTheInvitationsCopy_AndReachesAnotherNodeWithIt()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (server, a, b) = (nodes.Server, nodes.A, nodes.B);
        using var reader = b.Wakeups.Register("bob");
        var woken = b.Wakeups.WaitFor("bob");
        var commit = CallCommits.Ring(DateTimeOffset.UtcNow, out var invitation);

        await a.Store.CommitAsync(commit);
        await woken.WaitAsync(TimeSpan.FromSeconds(5));

        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true"))
        {
            var redis = admin.GetServer(server.Configuration);
            var streams = redis.Keys(pattern: "*log:*").ToList();
            Assert.Equal(2, streams.Count);
            foreach (var stream in streams)
            {
                var entry = Assert.Single(await admin.GetDatabase().StreamRangeAsync(stream));
                Assert.DoesNotContain("\"invitation\"", (string)entry["b"]!);
            }

            await redis.FlushAllDatabasesAsync();
        }

        var received = Assert.Single(await b.Log.ReadAsync("bob", 0, 10));
        Assert.Equal((invitation.Id, "r1", InviteeState.Pending), (received.Invitation!.Id, received.Invitation.RequestId, received.Invitation.Invitees[0].State));
    }

    /// <summary>
    /// Issue #16: both parties' events of one step share the invitation's copy; the wake message carries it once, and a
    /// reader of each party on another node still gets it whole.
    /// </summary>
    [Fact]
    public async Task EventsSharingACopy_AreWokenWithItOnAnotherNode_ThoughTheMessageCarriesItOnce()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (server, a, b) = (nodes.Server, nodes.A, nodes.B);
        await using var listener = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var published = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("*wake"), (_, message) => published.TrySetResult(message!));
        using var bobReader = b.Wakeups.Register("bob");
        using var aliceReader = b.Wakeups.Register("alice");
        var woken = Task.WhenAll(b.Wakeups.WaitFor("bob"), b.Wakeups.WaitFor("alice"));

        await a.Store.CommitAsync(CallCommits.Ring(DateTimeOffset.UtcNow, out var invitation));
        await woken.WaitAsync(TimeSpan.FromSeconds(5));

        var message = await published.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Single(message.Split("\"requestId\":\"r1\"")[1..]);
        foreach (var user in (string[])["bob", "alice"])
        {
            var received = Assert.Single(await b.Log.ReadAsync(user, 0, 10));
            Assert.Equal((invitation.Id, "r1"), (received.Invitation!.Id, received.Invitation.RequestId));
        }
    }

    /// <summary>A redis-server of the test's own and two nodes on it.</summary>
    private sealed class TwoNodes(RedisServer server, StorageUnderTest a, StorageUnderTest b) : IAsyncDisposable
    {
        public RedisServer Server => server;

        public StorageUnderTest A => a;

        public StorageUnderTest B => b;

        public static async Task<TwoNodes> StartAsync()
        {
            var server = new RedisServer();
            await server.StartAsync();
            var storage = new RedisStorage(server.Configuration);
            return new TwoNodes(server, await storage.OpenAsync(), await storage.OpenAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    private static Task<CommitResult> AppendAsync(StorageUnderTest node, string data)
    {
        var commit = new Commit();
        commit.Events.Add(new SignalingEvent
        {
            Recipient = "bob", Kind = EventKind.PeerMessage, Time = DateTimeOffset.UtcNow, Actor = new Actor("alice"), Data = data, Durable = true,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        return node.Store.CommitAsync(commit);
    }
}
