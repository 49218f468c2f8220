using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Nim;

/// <summary>NIM users call canonical and OpenIM users and back; a NIM channel is the canonical channel /v1 sees.</summary>
[Collection(GatewayCollection.Name)]
public sealed class NimInteropTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task NimCallsCanonical_TheAcceptComesBack_AndTheChannelIsShared()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var acc1Events = await acc1.OpenEventsAsync();
        await using var bobStream = await bob.OpenStreamAsync();

        var channelId = (await acc1.OkAsync("signalingCall", new { type = 2, account = bob.UserId, requestId = "x-1" })).GetProperty("channelId").GetString()!;
        var received = await bobStream.WaitForAsync("invitationReceived");
        Assert.Equal(channelId, received.Data.GetProperty("invitation").GetProperty("roomId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{received.InvitationId}/accept")).StatusCode);
        Assert.Equal("ACCEPT", (await acc1Events.WaitForAsync("signalingNotify")).Data.GetProperty("eventType").GetString());

        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/channels/{channelId}/join", new { })).StatusCode);
        var join = await acc1Events.WaitForAsync("signalingNotify");
        Assert.Equal(("ROOM_JOIN", bob.UserId), (join.Data.GetProperty("eventType").GetString(), join.Data.GetProperty("member").GetProperty("accid").GetString()));
        var channel = await UserClient.ReadAsync(await bob.Http.GetAsync($"/v1/channels/{channelId}"));
        Assert.Equal([acc1.Accid, bob.UserId], channel.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task CanonicalCallsNim_NimAcceptsWithTheRequestIdItWasGiven()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var aliceStream = await alice.OpenStreamAsync();
        await using var acc2Events = await acc2.OpenEventsAsync();

        await alice.InviteAsync(new { invitees = new[] { acc2.Accid }, timeoutSeconds = 30 });
        var invite = (await acc2Events.WaitForAsync("signalingNotify")).Data;
        Assert.Equal(("INVITE", alice.UserId), (invite.GetProperty("eventType").GetString(), invite.GetProperty("from").GetString()));
        await acc2.OkAsync("signalingAccept", new
        {
            channelId = invite.GetProperty("channelId").GetString(), account = alice.UserId, requestId = invite.GetProperty("requestId").GetString(),
        });

        Assert.Equal(acc2.Accid, (await aliceStream.WaitForAsync("inviteeAccepted")).Data.GetProperty("actor").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task OpenIMCallsNim_AndNimCallsOpenIM()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var u1Events = await u1.OpenEventsAsync();
        await using var acc2Events = await acc2.OpenEventsAsync();

        await u1.InviteAsync([acc2.Accid]);
        var invite = (await acc2Events.WaitForAsync("signalingNotify")).Data;
        await acc2.OkAsync("signalingReject", new
        {
            channelId = invite.GetProperty("channelId").GetString(), account = u1.UserId, requestId = invite.GetProperty("requestId").GetString(),
        });
        Assert.Equal(acc2.Accid, (await u1Events.WaitForAsync("OnInviteeRejected")).Data.GetProperty("opUserID").GetString());

        await acc2.OkAsync("signalingCall", new { type = 1, account = u1.UserId, requestId = "to-openim" });
        var received = await u1Events.WaitForAsync("OnReceiveNewInvitation");
        Assert.Equal(acc2.Accid, received.Data.GetProperty("invitation").GetProperty("inviterUserID").GetString());
        Assert.Equal("audio", received.Data.GetProperty("invitation").GetProperty("mediaType").GetString());
    }
}
