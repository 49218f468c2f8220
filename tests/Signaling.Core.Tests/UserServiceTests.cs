using Signaling.Core.Ports;
using System.Diagnostics.Metrics;
using Signaling.Core.Errors;
using Signaling.Core.Events;

namespace Signaling.Core.Tests;

public sealed class UserServiceTests : IAsyncLifetime
{
    private readonly CoreHarness _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task PeerMessage_IsKeptForAnOfflineUser_AndSaysSo()
    {
        var receipt = await _core.Users.SendPeerMessageAsync(new Actor("alice"), "bob", "call me");

        Assert.False(receipt.Value!.RecipientOnline);
        var message = Assert.Single(await _core.EventsOf("bob"));
        Assert.Equal(EventKind.PeerMessage, message.Kind);
        Assert.Equal("call me", message.Data);
        Assert.True(message.Durable);
        Assert.Equal(_core.Clock.GetUtcNow() + TimeSpan.FromDays(7), message.ExpiresAt);
    }

    [Fact]
    public async Task Presence_FollowsLiveConnections()
    {
        await _core.Presence.ConnectAsync(new LiveConnection("c1", "bob", _core.Clock.GetUtcNow().AddSeconds(45)));

        Assert.True((await _core.Users.GetPresenceAsync("bob")).Online);
        Assert.True((await _core.Users.SendPeerMessageAsync(new Actor("alice"), "bob", "hi")).Value!.RecipientOnline);

        await _core.Presence.DisconnectAsync("c1");
        Assert.False((await _core.Users.GetPresenceAsync("bob")).Online);
    }

    [Fact]
    public async Task Attributes_SetAndDelete()
    {
        await _core.Users.SetAttributeAsync(new Actor("bob"), "status", "busy");
        await _core.Users.SetAttributeAsync(new Actor("bob"), "city", "Paris");
        await _core.Users.SetAttributeAsync(new Actor("bob"), "city", null);

        Assert.Equal(new Dictionary<string, string> { ["status"] = "busy" }, await _core.Users.GetAttributesAsync("bob"));
        Assert.Equal(SignalingErrorCode.InvalidArgument, (await _core.Users.SetAttributeAsync(new Actor("bob"), "", "x")).Error?.Code);
    }

    [Fact]
    public async Task Metrics_CountInvites()
    {
        long invites = 0;
        using var listener = new MeterListener();
        // Only this harness's meter: other tests create invitations in parallel.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == _core.MeterFactory && instrument.Name == "signaling.invites")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref invites, value));
        listener.Start();

        await _core.InviteAsync("alice", ["bob"]);
        await _core.InviteAsync("alice", ["carol"]);

        Assert.Equal(2, invites);
    }
}
