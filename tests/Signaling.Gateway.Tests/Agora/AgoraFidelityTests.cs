using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Agora;

/// <summary>What apps on Agora's native Signaling SDK call, row by row from shared/reference/fidelity-audit.md (issue #12).</summary>
[Collection(GatewayCollection.Name)]
public sealed class AgoraFidelityTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "audit A-2: the native API names the other user `account` (AW demo.cpp); A-3: channelInviteUser(channelID, account, uid) as AW demo.cpp calls it")]
    public async Task NativeCall_ChannelInviteUserWithAccount_RingsAndIsAcceptedByAccount()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        await a.OkAsync("channelInviteUser", new { channelID, account = b.Account, uid = 0 });
        Assert.Equal(a.Account, (await bEvents.WaitForAsync("onInviteReceived")).Data.GetProperty("account").GetString());
        await b.OkAsync("channelInviteAccept", new { channelID, account = a.Account });

        Assert.Equal(b.Account, (await aEvents.WaitForAsync("onInviteAcceptedByPeer")).Data.GetProperty("account").GetString());
    }

    [Fact]
    [Trait("VendorFact", "audit A-3: login2 (AW LoginActivity.java), messageInstantSend2, messageChannelSend2, messageChannelSendForce, isOnline, getSdkVersion (AH; AW AgoraSig.js)")]
    public async Task NativeNames_Login2_Send2_SendForce_IsOnline()
    {
        using var a = _gateway.AgoraUser(GatewayFixture.Unique("a"), "phone");
        using var b = await LoggedInAsync("b");
        Assert.Equal(0, (await a.OkAsync("isOnline", new { })).GetInt32());
        var login = await a.CallAsync("login2", new { account = a.Account, token = a.Token(), uid = 0, deviceID = "phone", retry_time_in_s = 30, retry_count = 3 });
        Assert.Equal(0, login.Ecode);
        a.UseSession(login.Body.GetProperty("result").GetProperty("session").GetString()!);
        Assert.Equal(1, (await a.OkAsync("isOnline", new { })).GetInt32());
        Assert.Equal("1.3.0", (await a.OkAsync("getSdkVersion", new { })).GetString()); // AW AgoraSig.js SIGNALING_SDK_VERSION
        Assert.Equal("1.3.0", (await a.OkAsync("getSDKVersion", new { })).GetString()); // the Web SDK's spelling
        await using var bEvents = await b.OpenEventsAsync();

        await a.OkAsync("messageInstantSend2", new { account = b.Account, msg = "hello", msgID = "m1", options = "{}" });
        Assert.Equal("hello", (await bEvents.WaitForAsync("onMessageInstantReceive")).Data.GetProperty("msg").GetString());

        var channelID = GatewayFixture.Unique("room");
        await a.OkAsync("channelJoin", new { channelID });
        await b.OkAsync("channelJoin", new { channelID });
        await a.OkAsync("messageChannelSend2", new { channelID, msg = "one", msgID = "m2", options = "{}" });
        await a.OkAsync("messageChannelSendForce", new { channelID, msg = "two", msgID = "m3" });
        Assert.Equal("one", (await bEvents.WaitForAsync("onMessageChannelReceive")).Data.GetProperty("msg").GetString());
        Assert.Equal("two", (await bEvents.WaitForAsync("onMessageChannelReceive")).Data.GetProperty("msg").GetString());
    }

    [Fact]
    [Trait("VendorFact", "audit A-1: native apps get results as callbacks (AW MessageActivity.java, SelectChannelActivity.java, demo.cpp); A-4: onQueryUserStatusResult's status is the String \"1\"/\"0\"")]
    public async Task NativeResultCallbacks_ReachTheRequestingSession()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        await a.OkAsync("messageInstantSend", new { account = b.Account, msg = "hi", msgID = "m-7" });
        Assert.Equal("m-7", (await aEvents.WaitForAsync("onMessageSendSuccess")).Data.GetProperty("messageID").GetString());

        await a.OkAsync("queryUserStatus", new { account = b.Account });
        var status = (await aEvents.WaitForAsync("onQueryUserStatusResult")).Data;
        Assert.Equal((b.Account, "1"), (status.GetProperty("name").GetString(), status.GetProperty("status").GetString()));

        await a.OkAsync("channelJoin", new { channelID });
        await a.OkAsync("channelQueryUserNum", new { channelID });
        Assert.Equal(1, (await aEvents.WaitForAsync("onChannelQueryUserNumResult")).Data.GetProperty("num").GetInt32());
        await a.OkAsync("setAttr", new { name = "mood", value = "busy" });
        await b.OkAsync("getUserAttr", new { account = a.Account, name = "mood" });
        Assert.Equal("busy", (await bEvents.WaitForAsync("onUserAttrResult")).Data.GetProperty("value").GetString());

        var (_, ecode, _) = await a.CallAsync("channelLeave", new { channelID = GatewayFixture.Unique("not-mine") });
        Assert.NotEqual(0, ecode);
        var error = (await aEvents.WaitForAsync("onError")).Data;
        Assert.Equal(("channelLeave", ecode), (error.GetProperty("name").GetString(), error.GetProperty("ecode").GetInt32()));
        Assert.DoesNotContain(await bEvents.DrainAsync(TimeSpan.FromMilliseconds(200)), e => e.Name is "onMessageSendSuccess" or "onError");
    }

    [Fact]
    [Trait("VendorFact", "AW AgoraSig.js (Web 1.3): channelInviteRefuse → onInviteRefusedByPeer; channelInviteDTMF → onInviteMsg(…, 'dtmf', …)")]
    public async Task Call_RefuseAndDtmf_ReachThePeer()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var (first, second) = (GatewayFixture.Unique("room"), GatewayFixture.Unique("room"));

        await a.OkAsync("channelInviteUser2", new { channelID = first, peer = b.Account, extra = "{}" });
        await bEvents.WaitForAsync("onInviteReceived");
        await b.OkAsync("channelInviteRefuse", new { channelID = first, peer = a.Account, extra = "{\"reason\":\"busy\"}" });
        Assert.Equal(b.Account, (await aEvents.WaitForAsync("onInviteRefusedByPeer")).Data.GetProperty("account").GetString());

        await a.OkAsync("channelInviteUser2", new { channelID = second, peer = b.Account, extra = "{}" });
        await bEvents.WaitForAsync("onInviteReceived");
        await b.OkAsync("channelInviteAccept", new { channelID = second, peer = a.Account, extra = "{}" });
        await a.OkAsync("channelInviteDTMF", new { channelID = second, peer = b.Account, dtmf = "12#" });
        var dtmf = (await bEvents.WaitForAsync("onInviteMsg")).Data;
        Assert.Equal(("dtmf", "12#"), (dtmf.GetProperty("msgType").GetString(), dtmf.GetProperty("msgData").GetString()));
    }

    [Fact]
    [Trait("VendorFact", "AW AgoraSig.js (Web 1.3): channelDelAttr / channelClearAttr → onChannelAttrUpdated(del/clear); getAttr, getAttrAll, getUserAttrAll; channelQueryUserIsIn; channelLeave → onChannelLeaved, the others onChannelUserLeaved")]
    public async Task Attributes_QueriesAndLeaving()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var bEvents = await b.OpenEventsAsync();
        await using var aEvents = await a.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");
        await a.OkAsync("channelJoin", new { channelID });
        await b.OkAsync("channelJoin", new { channelID });

        await a.OkAsync("channelSetAttr", new { channelID, name = "topic", value = "standup" });
        await a.OkAsync("channelDelAttr", new { channelID, name = "topic" });
        await a.OkAsync("channelClearAttr", new { channelID });
        var types = new List<string>();
        while (types.Count < 3)
        {
            types.Add((await bEvents.WaitForAsync("onChannelAttrUpdated")).Data.GetProperty("type").GetString()!);
        }

        await a.OkAsync("setAttr", new { name = "mood", value = "busy" });
        Assert.Equal("busy", (await a.OkAsync("getAttr", new { name = "mood" })).GetProperty("value").GetString());
        Assert.Contains("busy", (await a.OkAsync("getAttrAll", new { })).GetProperty("json").GetString(), StringComparison.Ordinal);
        Assert.Contains("busy", (await b.OkAsync("getUserAttrAll", new { account = a.Account })).GetProperty("json").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await a.OkAsync("channelQueryUserIsIn", new { channelID, account = b.Account })).GetProperty("isIn").GetInt32());

        await b.OkAsync("channelLeave", new { channelID });
        Assert.Equal(channelID, (await bEvents.WaitForAsync("onChannelLeaved")).Data.GetProperty("channelID").GetString());
        Assert.Equal(b.Account, (await aEvents.WaitForAsync("onChannelUserLeaved")).Data.GetProperty("account").GetString());
        Assert.Equal(["update", "del", "clear"], types);
    }

    private async Task<AgoraClient> LoggedInAsync(string name)
    {
        var client = _gateway.AgoraUser(GatewayFixture.Unique(name), "phone");
        Assert.Equal(0, (await client.LoginAsync()).Ecode);
        return client;
    }
}
