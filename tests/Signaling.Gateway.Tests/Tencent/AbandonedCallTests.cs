using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Tencent;

/// <summary>
/// Issue #12 must-change 1: Tencent has no hang-up, so no user may stay in a call that nobody can end. Tencent rings
/// busy invitees (audit T-1), the call kit's hang-up invite ends the call it hangs up, and a call nobody ends is ended
/// by the server after Signaling:MaxCallDuration (2 s here). Each case crosses surfaces.
/// </summary>
public sealed class AbandonedCallTests : IAsyncLifetime
{
    private readonly GatewayProcess _gateway = new(settings: new Dictionary<string, string> { ["Signaling__MaxCallDuration"] = "00:00:02" });

    public Task InitializeAsync() => _gateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    [Trait("VendorFact", "audit T-1; issue #12: a call accepted on /tencent and abandoned never leaves a user busy")]
    public async Task TencentCall_AcceptedThenAbandoned_EndsAfterTheMaximum_AndTheUserIsFreeOnEverySurface()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        using var carol = _gateway.User(GatewayFixture.Unique("carol"));
        using var dave = _gateway.OpenIMUser(GatewayFixture.Unique("dave"));
        await using var bobEvents = await bob.OpenStreamAsync();
        await using var aliceListener = await alice.OpenListenerAsync();

        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, data = "{\"call_type\":2}", timeout = 30 });
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{inviteId}/accept")).StatusCode);
        var busyForOpenIM = await dave.InviteAsync([bob.UserId], timeout: 5);
        Assert.Contains(bob.UserId, busyForOpenIM.GetProperty("busyLineUserIDList").EnumerateArray().Select(u => u.GetString()));

        // Nobody hangs up: the server ends the call after two seconds, and says so as a hang-up.
        var ended = await bobEvents.WaitForAsync("callEnded", TimeSpan.FromSeconds(6));
        Assert.Equal(inviteId, ended.Data.GetProperty("invitationId").GetString());

        var free = await carol.PostAsync("/v1/invitations", new { invitees = new[] { bob.UserId } });
        var invitation = await UserClient.ReadAsync(free);
        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
        Assert.Empty(invitation.GetProperty("busy").EnumerateArray());
    }

    [Fact]
    [Trait("VendorFact", "audit T-1: Tencent rings everyone; TUICallKit's callee answers a busy line with a line_busy reject (TK TSignalingClient.js reject)")]
    public async Task TencentInvite_ToSomeoneInACall_RingsThem_AndTheirBusyRejectReachesTheCaller()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        using var carol = _gateway.User(GatewayFixture.Unique("carol"));
        var call = await carol.InviteAsync(new { invitees = new[] { bob.UserId } });
        Assert.Equal(0, (await bob.CallAsync("accept", new { inviteID = call })).Code);
        await using var bobListener = await bob.OpenListenerAsync();
        await using var aliceListener = await alice.OpenListenerAsync();

        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, data = "{\"call_type\":1}", timeout = 30 });

        // The listener first catches up on carol's call (Adapters:Tencent:ListenerCatchUp); then alice's rings.
        while ((await bobListener.WaitForAsync("onReceiveNewInvitation")).Data.GetProperty("inviteID").GetString() != inviteId)
        {
        }

        Assert.Equal(0, (await bob.CallAsync("reject", new { inviteID = inviteId, data = "{\"line_busy\":\"line_busy\",\"data\":{\"message\":\"lineBusy\"}}" })).Code);
        var rejected = await aliceListener.WaitForAsync("onInviteeRejected");
        Assert.Contains("line_busy", rejected.Data.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("VendorFact", "TUICallKit lastOneHangup: an invite, timeout 0, data {call_end, data: {cmd: 'hangup'}} ends the call (TK TSignalingClient.js)")]
    public async Task CallKitHangUpInvite_EndsTheCall_ForEverySurface()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        using var carol = _gateway.User(GatewayFixture.Unique("carol"));
        await using var bobEvents = await bob.OpenStreamAsync();
        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, data = "{\"call_type\":2}", timeout = 30 });
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{inviteId}/accept")).StatusCode);

        await alice.InviteAsync(new { invitee = bob.UserId, data = "{\"version\":4,\"call_end\":12,\"data\":{\"cmd\":\"hangup\"}}", timeout = 0 });

        var ended = await bobEvents.WaitForAsync("callEnded", TimeSpan.FromSeconds(1));
        Assert.Equal(inviteId, ended.Data.GetProperty("invitationId").GetString());
        // The kit's hang-up invite is how Tencent apps learn of the end; nobody on another surface is rung by it.
        Assert.DoesNotContain(await bobEvents.DrainAsync(TimeSpan.FromMilliseconds(500)), e => e.Name == "invitationReceived");
        var free = await UserClient.ReadAsync(await carol.PostAsync("/v1/invitations", new { invitees = new[] { bob.UserId } }));
        Assert.Empty(free.GetProperty("busy").EnumerateArray());
    }

    [Fact]
    [Trait("VendorFact", "TUICallKit lastOneHangup: a Tencent app learns a call ended from an invite whose data holds call_end and data.cmd = hangup (TK TSignalingClient.js)")]
    public async Task AHangUpOnAnotherSurface_ReachesTheTencentApp_AsTheCallKitsHangUpInvite()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceListener = await alice.OpenListenerAsync();
        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, data = "{\"call_type\":1}", timeout = 30 });
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{inviteId}/accept")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{inviteId}/hangup")).StatusCode);

        var hangUp = await aliceListener.WaitForAsync("onReceiveNewInvitation", TimeSpan.FromSeconds(2));
        Assert.Equal(bob.UserId, hangUp.Data.GetProperty("inviter").GetString());
        using var data = System.Text.Json.JsonDocument.Parse(hangUp.Data.GetProperty("data").GetString()!);
        Assert.True(data.RootElement.TryGetProperty("call_end", out _));
        Assert.Equal("hangup", data.RootElement.GetProperty("data").GetProperty("cmd").GetString());
        Assert.Equal(1, data.RootElement.GetProperty("call_type").GetInt32()); // the call's media type: audio
    }
}
