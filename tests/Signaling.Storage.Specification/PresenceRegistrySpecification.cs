namespace Signaling.Storage.Specification;

/// <summary>The presence registry's contract: a user is online while an unexpired connection exists.</summary>
public abstract class PresenceRegistrySpecification : StorageSpecification
{
    [Fact]
    public async Task Connections_CountUntilDisconnected()
    {
        await Storage.Presence.ConnectAsync("bob", "c1", T0.AddSeconds(45));
        await Storage.Presence.ConnectAsync("bob", "c2", T0.AddSeconds(45));
        Assert.Equal(2, await Storage.Presence.CountConnectionsAsync("bob", T0));

        await Storage.Presence.DisconnectAsync("c1");

        Assert.Equal(1, await Storage.Presence.CountConnectionsAsync("bob", T0));
        Assert.Equal(0, await Storage.Presence.CountConnectionsAsync("carol", T0));
    }

    [Fact]
    public async Task Connections_ExpireUnlessRefreshed()
    {
        await Storage.Presence.ConnectAsync("bob", "c1", T0.AddSeconds(45));
        await Storage.Presence.ConnectAsync("bob", "c2", T0.AddSeconds(45));
        await Storage.Presence.RefreshAsync("c2", T0.AddSeconds(90));

        Assert.Equal(1, await Storage.Presence.CountConnectionsAsync("bob", T0.AddSeconds(60)));
        Assert.Equal(0, await Storage.Presence.CountConnectionsAsync("bob", T0.AddSeconds(91)));
    }
}
