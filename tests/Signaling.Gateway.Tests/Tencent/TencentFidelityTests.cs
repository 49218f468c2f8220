using System.Net;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Tencent;

/// <summary>What Tencent's real SDKs observe, row by row from shared/reference/fidelity-audit.md (issue #12).</summary>
[Collection(GatewayCollection.Name)]
public sealed class TencentFidelityTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "audit T-9: addInvitedSignaling succeeds for an invitation learned from a push; 6017 for an incomplete info (TA addInvitedSignaling)")]
    public async Task AddInvitedSignaling_FromAPush_Succeeds_AndTheInvitationCanBeAnswered()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, timeout = 30 });
        var info = new { inviteID = inviteId, inviter = alice.UserId, inviteeList = new[] { bob.UserId }, actionType = 1, timeout = 30 };

        Assert.Equal(0, (await bob.CallAsync("addInvitedSignaling", new { info })).Code);
        Assert.Equal(0, (await bob.CallAsync("accept", new { inviteID = inviteId })).Code);
        var incomplete = await bob.CallAsync("addInvitedSignaling", new { info = new { inviteID = inviteId } });
        var unknown = await bob.CallAsync("addInvitedSignaling", new { info = info with { inviteID = "never-issued" } });

        Assert.Equal((HttpStatusCode.BadRequest, 6017), (incomplete.Status, incomplete.Code));
        Assert.Equal(8010, unknown.Code);
    }

    [Fact]
    [Trait("VendorFact", "audit T-6: every OfflinePushInfo field of the SDK (TF enum/offlinePushInfo.dart) round-trips; the JS inviteInGroup takes offlinePushInfo (TK)")]
    public async Task OfflinePushInfo_EveryFieldRoundTrips_AlsoForGroupInvites()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        var push = new
        {
            title = "Alice", desc = "Video call", ext = "{\"room\":1}", disablePush = false, iOSSound = "ring.caf", ignoreIOSBadge = true,
            iOSPushType = 1, androidFCMChannelID = "calls", androidXiaoMiChannelID = "mi-calls", androidHuaWeiCategory = "VOIP",
        };

        var inviteId = await alice.InviteAsync(new { groupID = GatewayFixture.Unique("g"), inviteeList = new[] { bob.UserId }, timeout = 30, offlinePushInfo = push }, "inviteInGroup");
        var info = (await bob.CallAsync("getSignalingInfo", new { msgID = inviteId + "-1" })).Data.GetProperty("offlinePushInfo");

        Assert.Equal(("Alice", "ring.caf", 1), (info.GetProperty("title").GetString(), info.GetProperty("iOSSound").GetString(), info.GetProperty("iOSPushType").GetInt32()));
        Assert.Equal(("calls", "VOIP"), (info.GetProperty("androidFCMChannelID").GetString(), info.GetProperty("androidHuaWeiCategory").GetString()));
        Assert.True(info.GetProperty("ignoreIOSBadge").GetBoolean());
        Assert.False(info.GetProperty("disablePush").GetBoolean());
    }

    [Fact]
    [Trait("VendorFact", "audit T-2: TSignaling's invite takes userID (TK tsignaling-wx.js); T-5: answers carry inviter and groupID, timeouts inviter, groupID and isSelfTimeout (TK)")]
    public async Task JsFlavour_UserIdInvite_AndEventsCarryInviterGroupAndSelfTimeout()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        using var carol = _gateway.TencentUser(GatewayFixture.Unique("carol"));
        await using var aliceListener = await alice.OpenListenerAsync();
        await using var carolListener = await carol.OpenListenerAsync();

        var inviteId = await alice.InviteAsync(new { userID = bob.UserId, data = "{\"call_type\":1}", timeout = 30 });
        Assert.Equal(0, (await bob.CallAsync("reject", new { inviteID = inviteId })).Code);
        var rejected = (await aliceListener.WaitForAsync("onInviteeRejected")).Data;
        await alice.InviteAsync(new { userID = carol.UserId, timeout = 1 });
        var ownTimeout = (await carolListener.WaitForAsync("onInvitationTimeout", TimeSpan.FromSeconds(4))).Data;
        var callerTimeout = (await aliceListener.WaitForAsync("onInvitationTimeout", TimeSpan.FromSeconds(4))).Data;

        Assert.Equal((alice.UserId, ""), (rejected.GetProperty("inviter").GetString(), rejected.GetProperty("groupID").GetString()));
        Assert.Equal((alice.UserId, true), (ownTimeout.GetProperty("inviter").GetString(), ownTimeout.GetProperty("isSelfTimeout").GetBoolean()));
        Assert.False(callerTimeout.GetProperty("isSelfTimeout").GetBoolean());
    }

    [Fact]
    [Trait("VendorFact", "audit T-7: Flutter V2TimMessage.seq is a String (TF v2_tim_message.dart); web reads type TIMCustomElem and payload.data (TK TSignalingClient.js)")]
    public async Task SignalingHistory_ReadsAsBothSdksMessageModels()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.TencentUser(GatewayFixture.Unique("bob"));
        var inviteId = await alice.InviteAsync(new { invitee = bob.UserId, timeout = 30, data = "{\"call_type\":2}" });

        var message = (await bob.CallAsync("messages", new { })).Data.GetProperty("messages")[0];

        Assert.Equal(JsonValueKind.String, message.GetProperty("seq").ValueKind);
        Assert.Equal("TIMCustomElem", message.GetProperty("type").GetString());
        var signal = JsonDocument.Parse(message.GetProperty("payload").GetProperty("data").GetString()!).RootElement;
        Assert.Equal((inviteId, 1), (signal.GetProperty("inviteID").GetString(), signal.GetProperty("actionType").GetInt32()));
        Assert.Equal(message.GetProperty("customElem").GetProperty("data").GetString(), message.GetProperty("payload").GetProperty("data").GetString());
    }
}
