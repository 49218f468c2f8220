using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Tencent;

/// <summary>One canonical invitation, whatever surface made it: a canonical user and a Tencent user call each other.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InteropTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task CanonicalCallsTencent_AndTheAcceptComesBack()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        await using var aliceStream = await alice.OpenStreamAsync();
        await using var bobListener = await bob.OpenListenerAsync();

        var id = await alice.InviteAsync(new { invitees = new[] { bob.UserId }, data = "from v1", timeoutSeconds = 30 });
        var received = await bobListener.WaitForAsync("onReceiveNewInvitation");
        Assert.Equal((id, alice.UserId, "from v1"), (received.Data.GetProperty("inviteID").GetString(), received.Data.GetProperty("inviter").GetString(), received.Data.GetProperty("data").GetString()));

        Assert.Equal(0, (await bob.CallAsync("accept", new { inviteID = id, data = "from tencent" })).Code);
        var accepted = await aliceStream.WaitForAsync("inviteeAccepted");
        Assert.Equal("from tencent", accepted.Data.GetProperty("data").GetString());
    }

    [Fact]
    public async Task TencentCallsCanonical_AndTheRejectComesBack()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceListener = await alice.OpenListenerAsync();
        await using var bobStream = await bob.OpenStreamAsync();

        var id = await alice.InviteAsync(new { invitee = bob.UserId, data = "from tencent", timeout = 30 });
        Assert.Equal(id, (await bobStream.WaitForAsync("invitationReceived")).InvitationId);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{id}/reject", new { data = "busy" })).StatusCode);

        var rejected = await aliceListener.WaitForAsync("onInviteeRejected");
        Assert.Equal((id, bob.UserId, "busy"), (rejected.Data.GetProperty("inviteID").GetString(), rejected.Data.GetProperty("invitee").GetString(), rejected.Data.GetProperty("data").GetString()));
    }
}
