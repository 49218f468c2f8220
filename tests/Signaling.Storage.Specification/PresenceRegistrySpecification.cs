using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>The presence registry's contract: a user is online while an unexpired connection exists.</summary>
public abstract class PresenceRegistrySpecification : StorageSpecification
{
    [Fact]
    public async Task Connections_CountUntilDisconnected()
    {
        await Storage.Presence.ConnectAsync(new LiveConnection("c1", "bob", T0.AddSeconds(45)));
        await Storage.Presence.ConnectAsync(new LiveConnection("c2", "bob", T0.AddSeconds(45)));
        Assert.Equal(2, await Storage.Presence.CountConnectionsAsync("bob", T0));

        await Storage.Presence.DisconnectAsync("c1");

        Assert.Equal(1, await Storage.Presence.CountConnectionsAsync("bob", T0));
        Assert.Equal(0, await Storage.Presence.CountConnectionsAsync("carol", T0));
    }

    [Fact]
    public async Task Connections_ExpireUnlessRefreshed()
    {
        await Storage.Presence.ConnectAsync(new LiveConnection("c1", "bob", T0.AddSeconds(45)));
        await Storage.Presence.ConnectAsync(new LiveConnection("c2", "bob", T0.AddSeconds(45)));
        await Storage.Presence.RefreshAsync("c2", T0.AddSeconds(90));

        Assert.Equal(1, await Storage.Presence.CountConnectionsAsync("bob", T0.AddSeconds(60)));
        Assert.Equal(0, await Storage.Presence.CountConnectionsAsync("bob", T0.AddSeconds(91)));
    }

    [Fact]
    public async Task ListOnline_GivesEachOnlineUserWithAllTheirLiveConnections_ByUser()
    {
        await Storage.Presence.ConnectAsync(new LiveConnection("c1", "carol", T0.AddSeconds(45), "v1", "sse", "phone", T0));
        await Storage.Presence.ConnectAsync(new LiveConnection("c2", "alice", T0.AddSeconds(45), "tencent", "websocket", null, T0));
        await Storage.Presence.ConnectAsync(new LiveConnection("c3", "carol", T0.AddSeconds(45), "agora", "websocket", "web", T0.AddSeconds(1)));
        await Storage.Presence.ConnectAsync(new LiveConnection("c4", "bob", T0.AddSeconds(10), "v1", "sse", null, T0));
        await Storage.Presence.ConnectAsync(new LiveConnection("c5", "dave", T0.AddSeconds(45), "nim", "sse", null, T0));
        await Storage.Presence.DisconnectAsync("c5");

        var first = await Storage.Presence.ListOnlineAsync(T0.AddSeconds(20), null, 1);
        var rest = await Storage.Presence.ListOnlineAsync(T0.AddSeconds(20), first.Next, 10);

        Assert.Equal([("c2", "alice", "tencent", "websocket")], first.Items.Select(c => (c.Id, c.UserId, c.Surface, c.Transport)));
        Assert.Equal(["c1", "c3"], rest.Items.Select(c => c.Id)); // bob's only connection expired; dave left
        Assert.Equal("phone", rest.Items[0].DeviceId);
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task RefreshAndDisconnect_SayWhetherTheConnectionWasRegistered()
    {
        await Storage.Presence.ConnectAsync(new LiveConnection("c1", "bob", T0.AddSeconds(45)));

        Assert.True(await Storage.Presence.RefreshAsync("c1", T0.AddSeconds(90)));
        Assert.True(await Storage.Presence.DisconnectAsync("c1"));
        Assert.False(await Storage.Presence.DisconnectAsync("c1"));
        Assert.False(await Storage.Presence.RefreshAsync("c1", T0.AddSeconds(90)));
    }

    [Fact]
    public async Task UserPresence_IsWrittenWithTheFirstConnection_AndWhenTheLastOneGoesOrExpires()
    {
        await Storage.Presence.ConnectAsync(Connection("c1", "u1", T0.AddHours(1)));
        await Storage.Presence.ConnectAsync(Connection("c2", "u1", T0.AddHours(1)));
        await Storage.Presence.DisconnectAsync("c1");
        Assert.Equal([("u1", true)], await PresenceMessagesAsync());

        await Storage.Presence.DisconnectAsync("c2");
        Assert.Equal([("u1", false)], await PresenceMessagesAsync());

        // A connection nobody disconnects (its node died) goes when it expires, and takes its user offline.
        await Storage.Presence.ConnectAsync(Connection("c3", "u2", T0.AddSeconds(10)));
        await Storage.Presence.ExpireAsync(T0.AddSeconds(5));
        Assert.Equal([("u2", true)], await PresenceMessagesAsync());
        await Storage.Presence.ExpireAsync(T0.AddSeconds(11));
        Assert.Equal([("u2", false)], await PresenceMessagesAsync());
        await Storage.Presence.ExpireAsync(T0.AddSeconds(20));
        Assert.Empty(await PresenceMessagesAsync());
    }

    private static LiveConnection Connection(string id, string user, DateTimeOffset expiresAt) => new(id, user, expiresAt, "v1", "sse", null, T0);

    /// <summary>The user.presence messages written since the last call, as (user, online), in order; each is taken off the outbox.</summary>
    private async Task<List<(string, bool)>> PresenceMessagesAsync()
    {
        var found = new List<(string, bool)>();
        while ((await Storage.Outbox.ClaimAsync("app", T0.AddDays(1), T0.AddDays(2), 10)) is { Count: > 0 } claimed)
        {
            foreach (var entry in claimed)
            {
                var data = System.Text.Json.JsonDocument.Parse(entry.Message.Body).RootElement.GetProperty("data");
                found.Add((data.GetProperty("userId").GetString()!, data.GetProperty("online").GetBoolean()));
                await Storage.Outbox.CompleteAsync(entry);
            }
        }

        return found;
    }
}
