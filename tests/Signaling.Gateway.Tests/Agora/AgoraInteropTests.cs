using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Agora;

/// <summary>Agora users call canonical, NIM and Tencent users and back; an Agora channel is the canonical channel other surfaces see.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AgoraInteropTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task AgoraCallsCanonical_AndCanonicalCallsAgora()
    {
        using var a = await LoggedInAsync("a");
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aEvents = await a.OpenEventsAsync();
        await using var bobStream = await bob.OpenStreamAsync();
        var channelID = GatewayFixture.Unique("room");

        await a.OkAsync("channelInviteUser2", new { channelID, peer = bob.UserId, extra = "{}" });
        var received = await bobStream.WaitForAsync("invitationReceived");
        Assert.Equal(channelID, received.Data.GetProperty("invitation").GetProperty("roomId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{received.InvitationId}/reject")).StatusCode);
        Assert.Equal(bob.UserId, (await aEvents.WaitForAsync("onInviteRefusedByPeer")).Data.GetProperty("account").GetString());

        await bob.InviteAsync(new { invitees = new[] { a.Account }, timeoutSeconds = 30 });
        var invite = (await aEvents.WaitForAsync("onInviteReceived")).Data;
        Assert.Equal(bob.UserId, invite.GetProperty("account").GetString());
        await a.OkAsync("channelInviteAccept", new { channelID = invite.GetProperty("channelID").GetString(), peer = bob.UserId });
        Assert.Equal(a.Account, (await bobStream.WaitForAsync("inviteeAccepted")).Data.GetProperty("actor").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task AgoraAndNim_CallEachOther_AndShareTheChannel()
    {
        using var a = await LoggedInAsync("a");
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var aEvents = await a.OpenEventsAsync();
        await using var nimEvents = await acc2.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        await a.OkAsync("channelJoin", new { channelID });
        var info = await acc2.OkAsync("signalingGetChannelInfo", new { channelName = channelID });
        Assert.Equal(a.Account, info.GetProperty("members")[0].GetProperty("accid").GetString());
        await acc2.OkAsync("signalingJoin", new { channelId = info.GetProperty("channelId").GetString() });
        Assert.Equal(acc2.Accid, (await aEvents.WaitForAsync("onChannelUserJoined")).Data.GetProperty("account").GetString());

        await a.OkAsync("channelInviteUser2", new { channelID, peer = acc2.Accid, extra = "{}" });
        var invite = (await nimEvents.WaitForAsync("signalingNotify", TimeSpan.FromSeconds(5))).Data;
        while (invite.GetProperty("eventType").GetString() != "INVITE")
        {
            invite = (await nimEvents.WaitForAsync("signalingNotify")).Data;
        }

        await acc2.OkAsync("signalingAccept", new
        {
            channelId = invite.GetProperty("channelId").GetString(), account = a.Account, requestId = invite.GetProperty("requestId").GetString(),
        });
        Assert.Equal(acc2.Accid, (await aEvents.WaitForAsync("onInviteAcceptedByPeer")).Data.GetProperty("account").GetString());
    }

    [Fact]
    public async Task TencentCallsAgora_AndTheAcceptComesBack()
    {
        using var a = await LoggedInAsync("a");
        using var t = _gateway.TencentUser(GatewayFixture.Unique("t"));
        await using var aEvents = await a.OpenEventsAsync();
        await using var tListener = await t.OpenListenerAsync();

        await t.InviteAsync(new { invitee = a.Account, data = "{\"call\":1}", timeout = 30 });
        var invite = (await aEvents.WaitForAsync("onInviteReceived")).Data;
        await a.OkAsync("channelInviteAccept", new { channelID = invite.GetProperty("channelID").GetString(), peer = t.UserId });

        await tListener.WaitForAsync("onInviteeAccepted");
    }

    private async Task<AgoraClient> LoggedInAsync(string name)
    {
        var client = _gateway.AgoraUser(GatewayFixture.Unique(name));
        Assert.Equal(0, (await client.LoginAsync()).Ecode);
        return client;
    }
}
