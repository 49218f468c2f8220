using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.OpenIM;

/// <summary>OpenIM users call canonical and Tencent users and back: one canonical invitation underneath.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenIMInteropTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task OpenIMCallsCanonical_AndTheAcceptComesBack()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var u1Events = await u1.OpenEventsAsync();
        await using var bobStream = await bob.OpenStreamAsync();

        await u1.InviteAsync([bob.UserId]);
        var id = (await bobStream.WaitForAsync("invitationReceived")).InvitationId;
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{id}/accept")).StatusCode);

        Assert.Equal(bob.UserId, (await u1Events.WaitForAsync("OnInviteeAccepted")).Data.GetProperty("opUserID").GetString());
    }

    [Fact]
    public async Task CanonicalCallsOpenIM_AndTheRejectComesBack()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        await using var aliceStream = await alice.OpenStreamAsync();
        await using var u2Events = await u2.OpenEventsAsync();

        await alice.InviteAsync(new { invitees = new[] { u2.UserId }, timeoutSeconds = 30 });
        var room = (await u2Events.WaitForAsync("OnReceiveNewInvitation")).Data.GetProperty("invitation").GetProperty("roomID").GetString()!;
        Assert.Equal(0, (await u2.AnswerAsync("signalingReject", room)).Code);

        Assert.Equal(u2.UserId, (await aliceStream.WaitForAsync("inviteeRejected")).Data.GetProperty("actor").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task OpenIMCallsTencent_AndTencentCallsOpenIM()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        await using var u1Events = await u1.OpenEventsAsync();
        await using var bobListener = await bob.OpenListenerAsync();

        var firstRoom = (await u1.InviteAsync([bob.UserId])).GetProperty("roomID").GetString()!;
        var inviteId = (await bobListener.WaitForAsync("onReceiveNewInvitation")).Data.GetProperty("inviteID").GetString();
        Assert.Equal(0, (await bob.CallAsync("accept", new { inviteID = inviteId })).Code);
        Assert.Equal(bob.UserId, (await u1Events.WaitForAsync("OnInviteeAccepted")).Data.GetProperty("opUserID").GetString());

        // Until that call ends u1 is busy and would not be rung.
        Assert.Equal(0, (await u1.AnswerAsync("signalingHungUp", firstRoom)).Code);

        await bob.InviteAsync(new { invitee = u1.UserId, timeout = 30 });
        var room = (await u1Events.WaitForAsync("OnReceiveNewInvitation")).Data.GetProperty("invitation").GetProperty("roomID").GetString()!;
        Assert.Equal(0, (await u1.AnswerAsync("signalingAccept", room)).Code);
        Assert.Equal(u1.UserId, (await bobListener.WaitForAsync("onInviteeAccepted")).Data.GetProperty("invitee").GetString());
    }
}
