using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Agora;

/// <summary>The legacy Agora Signaling surface as a migrating app uses it, through the real gateway (issue #6 acceptance). Each case cites its vendor fact.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AgoraContractTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "B.2 SignalingToken; wrong md5 206, expired 204; B.6 a login from another device gives the old session onLogout(103)")]
    public async Task Tokens_AndOneSessionPerAccount()
    {
        var account = GatewayFixture.Unique("alice");
        using var phone = _gateway.AgoraUser(account, "phone");
        using var laptop = _gateway.AgoraUser(account, "laptop");

        var valid = phone.Token();
        var (wrongStatus, wrong, _) = await phone.LoginAsync(valid[..^1] + (valid[^1] == '0' ? "1" : "0"));
        var (_, expired, _) = await phone.LoginAsync(phone.Token(TimeSpan.FromMinutes(-1)));
        Assert.Equal((HttpStatusCode.Unauthorized, 206), (wrongStatus, wrong));
        Assert.Equal(204, expired);

        Assert.Equal(0, (await phone.LoginAsync()).Ecode);
        var first = phone.Session;
        Assert.Equal(0, (await phone.LoginAsync()).Ecode);
        Assert.Equal(first, phone.Session); // Logging in again from the same device is ignored.
        await using var phoneEvents = await phone.OpenEventsAsync();
        Assert.Equal("onLoginSuccess", (await phoneEvents.NextAsync()).Name);
        Assert.Equal(2, (await phone.OkAsync("getStatus", new { })).GetInt32());
        var channelID = GatewayFixture.Unique("room");
        await phone.OkAsync("channelJoin", new { channelID });

        Assert.Equal(0, (await laptop.LoginAsync()).Ecode);
        Assert.Equal(103, (await phoneEvents.WaitForAsync("onLogout")).Data.GetProperty("ecode").GetInt32());
        var (status, ecode, _) = await phone.CallAsync("queryUserStatus", new { account });
        Assert.Equal((HttpStatusCode.Unauthorized, 1003), (status, ecode));
        Assert.Equal(0, (await phone.OkAsync("getStatus", new { })).GetInt32());

        // The kicked session left its channel, so the new one can join it.
        await laptop.OkAsync("channelJoin", new { channelID });
        Assert.Equal(1, (await laptop.OkAsync("channelQueryUserNum", new { channelID })).GetProperty("num").GetInt32());

        await using var laptopEvents = await laptop.OpenEventsAsync();
        await laptop.OkAsync("logout", new { });
        Assert.Equal(101, (await laptopEvents.WaitForAsync("onLogout")).Data.GetProperty("ecode").GetInt32());
    }

    [Fact]
    [Trait("VendorFact", "B.3 channelInviteUser2 / accept / end; B.4 onInviteReceived, onInviteReceivedByPeer, onInviteAcceptedByPeer, onInviteEndByMyself, onInviteEndByPeer")]
    public async Task Call_Invite_Accept_End()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        await a.OkAsync("channelInviteUser2", new { channelID, peer = b.Account, extra = "{\"type\":\"video\"}" });
        var received = await bEvents.WaitForAsync("onInviteReceived");
        Assert.Equal((channelID, a.Account, "{\"type\":\"video\"}"),
            (received.Data.GetProperty("channelID").GetString(), received.Data.GetProperty("account").GetString(), received.Data.GetProperty("extra").GetString()));
        Assert.Equal(b.Account, (await aEvents.WaitForAsync("onInviteReceivedByPeer")).Data.GetProperty("account").GetString());
        Assert.Equal(701, (await a.CallAsync("channelInviteUser2", new { channelID, peer = b.Account, extra = "{}" })).Ecode);

        await b.OkAsync("channelInviteAccept", new { channelID, peer = a.Account, extra = "{\"ok\":1}" });
        var accepted = await aEvents.WaitForAsync("onInviteAcceptedByPeer");
        Assert.Equal((b.Account, "{\"ok\":1}"), (accepted.Data.GetProperty("account").GetString(), accepted.Data.GetProperty("extra").GetString()));

        await a.OkAsync("channelInviteEnd", new { channelID, peer = b.Account });
        Assert.Equal(b.Account, (await aEvents.WaitForAsync("onInviteEndByMyself")).Data.GetProperty("account").GetString());
        Assert.Equal(a.Account, (await bEvents.WaitForAsync("onInviteEndByPeer")).Data.GetProperty("account").GetString());

        // The pair may call again once the call has ended.
        await a.OkAsync("channelInviteUser2", new { channelID, peer = b.Account, extra = "{}" });
        await bEvents.WaitForAsync("onInviteReceived");
    }

    [Fact]
    [Trait("VendorFact", "B.3 extra keys: _require_peer_online 1 fails at once (703); _timeout gives onInviteFailed (704) and the callee never sees it after")]
    public async Task Failures_PeerOffline703_AndTimeout704()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        using var offline = await LoggedInAsync("off");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        var (_, ecode, _) = await a.CallAsync("channelInviteUser2", new { channelID, peer = offline.Account, extra = "{\"_require_peer_online\":1}" });
        Assert.Equal(703, ecode);
        var failed = await aEvents.WaitForAsync("onInviteFailed");
        Assert.Equal((offline.Account, 703), (failed.Data.GetProperty("account").GetString(), failed.Data.GetProperty("ecode").GetInt32()));

        var started = DateTimeOffset.UtcNow;
        await a.OkAsync("channelInviteUser2", new { channelID, peer = b.Account, extra = "{\"_timeout\":2}" });
        await bEvents.WaitForAsync("onInviteReceived");
        var timedOut = await aEvents.WaitForAsync("onInviteFailed", TimeSpan.FromSeconds(10));
        Assert.Equal((b.Account, 704), (timedOut.Data.GetProperty("account").GetString(), timedOut.Data.GetProperty("ecode").GetInt32()));
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
        Assert.Equal(704, (await b.CallAsync("channelInviteAccept", new { channelID, peer = a.Account })).Ecode);
        Assert.DoesNotContain(await bEvents.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name.StartsWith("onInvite", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("VendorFact", "B.3/B.4 channelJoin → onChannelUserJoined, onChannelUserList; onChannelAttrUpdated; onMessageChannelReceive; B.6 60 messages/s per user (400)")]
    public async Task Channels_JoinAttributesMessagesAndRate()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var aEvents = await a.OpenEventsAsync();
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");

        await b.OkAsync("channelJoin", new { channelID });
        Assert.Equal(channelID, (await bEvents.WaitForAsync("onChannelJoined")).Data.GetProperty("channelID").GetString());
        await a.OkAsync("channelJoin", new { channelID });
        Assert.Equal(a.Account, (await bEvents.WaitForAsync("onChannelUserJoined")).Data.GetProperty("account").GetString());
        var list = await aEvents.WaitForAsync("onChannelUserList");
        Assert.Equal([b.Account, a.Account], list.Data.GetProperty("accounts").EnumerateArray().Select(x => x.GetString()));

        await a.OkAsync("channelSetAttr", new { channelID, name = "topic", value = "standup" });
        var attr = await bEvents.WaitForAsync("onChannelAttrUpdated");
        Assert.Equal(("topic", "standup", "update"),
            (attr.Data.GetProperty("name").GetString(), attr.Data.GetProperty("value").GetString(), attr.Data.GetProperty("type").GetString()));

        await a.OkAsync("messageChannelSend", new { channelID, msg = "hello" });
        var message = await bEvents.WaitForAsync("onMessageChannelReceive");
        Assert.Equal((a.Account, "hello"), (message.Data.GetProperty("account").GetString(), message.Data.GetProperty("msg").GetString()));

        // A new member gets every attribute replayed as "update".
        using var c = await LoggedInAsync("c");
        await using var cEvents = await c.OpenEventsAsync();
        await c.OkAsync("channelJoin", new { channelID });
        Assert.Equal("topic", (await cEvents.WaitForAsync("onChannelAttrUpdated")).Data.GetProperty("name").GetString());

        // All at once: one after another they can take over a second on a loaded machine, and the window refills.
        var answers = (await Task.WhenAll(Enumerable.Range(0, 61)
            .Select(i => a.CallAsync("messageInstantSend", new { peer = b.Account, msg = $"m{i}" })))).Select(r => r.Ecode).ToList();

        Assert.Contains(400, answers);
        var delivered = (await bEvents.DrainAsync(TimeSpan.FromMilliseconds(500))).Count(e => e.Name == "onMessageInstantReceive");
        Assert.Equal(answers.Count(e => e == 0), delivered);
    }

    [Fact]
    [Trait("VendorFact", "B.3 invoke io.agora.signal.channel_query_num {num}, user_query_user_status {status}")]
    public async Task Invoke_QueriesAnswerTheRightValues()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var bEvents = await b.OpenEventsAsync();
        var channelID = GatewayFixture.Unique("room");
        await a.OkAsync("channelJoin", new { channelID });
        await b.OkAsync("channelJoin", new { channelID });

        var num = await a.OkAsync("invoke", new { func = "io.agora.signal.channel_query_num", args = new { name = channelID } });
        var online = await a.OkAsync("invoke", new { func = "io.agora.signal.user_query_user_status", args = new { account = b.Account } });
        var offline = await a.OkAsync("invoke", new { func = "user_query_user_status", args = new { account = GatewayFixture.Unique("nobody") } });

        Assert.Equal(2, num.GetProperty("num").GetInt32());
        Assert.Equal(1, online.GetProperty("status").GetInt32());
        Assert.Equal(0, offline.GetProperty("status").GetInt32());
    }

    [Fact]
    [Trait("VendorFact", "B.5 1004 wrong parameter, 1005 parameter too large; B.6 message ≤ 8196 bytes, account visible characters without spaces")]
    public async Task BadInput_GetsTheDocumentedCode_AndNothingIsDelivered()
    {
        using var a = await LoggedInAsync("a");
        using var b = await LoggedInAsync("b");
        await using var bEvents = await b.OpenEventsAsync();

        var malformed = await a.CallRawAsync("messageInstantSend", "{\"peer\": ");
        var tooLarge = await a.CallAsync("messageInstantSend", new { peer = b.Account, msg = new string('x', 8197) });
        var spaced = await a.CallAsync("messageInstantSend", new { peer = "bob smith", msg = "hi" });
        using var badAccount = _gateway.AgoraUser("has space");
        var badLogin = await badAccount.CallAsync("login", new { account = "has space", token = "x" });

        Assert.Equal((HttpStatusCode.BadRequest, 1004), (malformed.Status, malformed.Ecode));
        Assert.Equal((HttpStatusCode.BadRequest, 1005), (tooLarge.Status, tooLarge.Ecode));
        Assert.Equal((HttpStatusCode.BadRequest, 1004), (spaced.Status, spaced.Ecode));
        Assert.Equal((HttpStatusCode.BadRequest, 1004), (badLogin.Status, badLogin.Ecode));
        Assert.Contains("msg", tooLarge.Body.GetProperty("reason").GetString());
        var badCursor = await a.Http.GetAsync($"/agora/events?session={a.Session}&after=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Contains("\"ecode\":1004", await badCursor.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await bEvents.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "onMessageInstantReceive");
    }

    private async Task<AgoraClient> LoggedInAsync(string name)
    {
        var client = _gateway.AgoraUser(GatewayFixture.Unique(name));
        Assert.Equal(0, (await client.LoginAsync()).Ecode);
        return client;
    }
}
