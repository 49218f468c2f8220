using System.Net;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Nim;

/// <summary>The NIM surface as a migrating app uses it, through the real gateway (issue #5 acceptance). Each case cites its vendor fact.</summary>
[Collection(GatewayCollection.Name)]
public sealed class NimContractTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "A.3 signalingCall / signalingAccept autoJoin; A.4 INVITE, ACCEPT, ROOM_JOIN, signalingMutilClientSyncNotify (from = me)")]
    public async Task CallAcceptAutoJoin_InviterSeesAcceptAndJoin_OtherDeviceSyncs()
    {
        var acc2Id = GatewayFixture.Unique("acc2");
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2Phone = _gateway.NimUser(acc2Id, "phone");
        using var acc2Web = _gateway.NimUser(acc2Id, "web");
        await using var acc1Events = await acc1.OpenEventsAsync();
        await using var phoneEvents = await acc2Phone.OpenEventsAsync();
        await using var webEvents = await acc2Web.OpenEventsAsync();

        var channel = await acc1.OkAsync("signalingCall", new { type = 2, account = acc2Id, requestId = "req-1", attachExt = "hi", offlineEnabled = true });
        var channelId = channel.GetProperty("channelId").GetString()!;
        Assert.Equal(acc1.Accid, channel.GetProperty("members")[0].GetProperty("accid").GetString());

        var invite = await phoneEvents.WaitForAsync("signalingNotify");
        Assert.Equal("INVITE", invite.Data.GetProperty("eventType").GetString());
        Assert.Equal("req-1", invite.Data.GetProperty("requestId").GetString());
        Assert.Equal(channelId, invite.Data.GetProperty("channelId").GetString());
        Assert.Equal(acc1.Accid, invite.Data.GetProperty("from").GetString());
        Assert.Equal("hi", invite.Data.GetProperty("attachExt").GetString());

        var joined = await acc2Phone.OkAsync("signalingAccept", new { channelId, account = acc1.Accid, requestId = "req-1", autoJoin = true, uid = 4242 });
        Assert.Contains(joined.GetProperty("members").EnumerateArray(), m => m.GetProperty("accid").GetString() == acc2Id && m.GetProperty("uid").GetInt64() == 4242);

        var accept = await acc1Events.WaitForAsync("signalingNotify");
        Assert.Equal(("ACCEPT", acc2Id, "req-1"), (accept.Data.GetProperty("eventType").GetString(), accept.Data.GetProperty("from").GetString(), accept.Data.GetProperty("requestId").GetString()));
        var roomJoin = await acc1Events.WaitForAsync("signalingNotify");
        Assert.Equal("ROOM_JOIN", roomJoin.Data.GetProperty("eventType").GetString());
        Assert.Equal(4242, roomJoin.Data.GetProperty("member").GetProperty("uid").GetInt64());

        var sync = await webEvents.WaitForAsync("signalingMutilClientSyncNotify");
        Assert.Equal(("ACCEPT", acc2Id), (sync.Data.GetProperty("eventType").GetString(), sync.Data.GetProperty("from").GetString()));
        Assert.DoesNotContain(await phoneEvents.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "signalingMutilClientSyncNotify");
    }

    [Fact]
    [Trait("VendorFact", "A.5: 10410 already accepted, 10409 already rejected (cancel, accept, reject)")]
    public async Task SecondAnswers_GetAlreadyAcceptedOrRejected()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var acc2Events = await acc2.OpenEventsAsync();
        var channelId = (await acc1.OkAsync("signalingCall", new { type = 1, account = acc2.Accid, requestId = "r-a" })).GetProperty("channelId").GetString()!;
        await acc2Events.WaitForAsync("signalingNotify");

        await acc2.OkAsync("signalingAccept", new { channelId, account = acc1.Accid, requestId = "r-a" });
        Assert.Equal(10410, (await acc1.CallAsync("signalingCancel", new { channelId, account = acc2.Accid, requestId = "r-a" })).Code);
        Assert.Equal(10410, (await acc2.CallAsync("signalingAccept", new { channelId, account = acc1.Accid, requestId = "r-a" })).Code);

        await acc1.OkAsync("signalingInvite", new { channelId, account = acc2.Accid, requestId = "r-b" }, allowOffline: true);
        await acc2.OkAsync("signalingReject", new { channelId, account = acc1.Accid, requestId = "r-b" });
        Assert.Equal(10409, (await acc2.CallAsync("signalingAccept", new { channelId, account = acc1.Accid, requestId = "r-b" })).Code);
        Assert.Equal(10409, (await acc1.CallAsync("signalingCancel", new { channelId, account = acc2.Accid, requestId = "r-b" })).Code);
        Assert.Equal(10408, (await acc2.CallAsync("signalingAccept", new { channelId, account = acc1.Accid, requestId = "never-sent" })).Code);
    }

    [Fact]
    [Trait("VendorFact", "A.2 an invitation lasts 90 s (configurable here); after that cancel/accept/reject give 10408")]
    public async Task AfterTheValidity_AnswersGet10408()
    {
        await using var gateway = new GatewayProcess(settings: new Dictionary<string, string> { ["Adapters__Nim__InviteValidity"] = "00:00:01" });
        await gateway.StartAsync();
        using var acc1 = gateway.NimUser("acc1");
        using var acc2 = gateway.NimUser("acc2");
        var channelId = (await acc1.OkAsync("signalingCall", new { type = 2, account = "acc2", requestId = "late" }, allowOffline: true)).GetProperty("channelId").GetString()!;
        await acc1.OkAsync("signalingInvite", new { channelId, account = "acc3", requestId = "late" }, allowOffline: true);

        await Task.Delay(1500);
        Assert.Equal(10408, (await acc2.CallAsync("signalingAccept", new { channelId, account = "acc1", requestId = "late" })).Code);
        Assert.Equal(10408, (await acc2.CallAsync("signalingReject", new { channelId, account = "acc1", requestId = "late" })).Code);
        Assert.Equal(10408, (await acc1.CallAsync("signalingCancel", new { channelId, account = "acc3", requestId = "late" })).Code);
    }

    [Fact]
    [Trait("VendorFact", "A.2/A.5 offline: 10201 + offlineEnabled stores; A.4 signalingUnreadMessageSyncNotify after signalingSync, channelInValid; markMsgRead")]
    public async Task OfflineInvitee_SyncsOnce_MarkReadStopsOtherDevice()
    {
        var acc3Id = GatewayFixture.Unique("acc3");
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        var (_, code, envelope) = await acc1.CallAsync("signalingCall", new { type = 2, account = acc3Id, requestId = "off-1", offlineEnabled = true });
        Assert.Equal(10201, code);
        var closedId = envelope.GetProperty("data").GetProperty("channelId").GetString()!;
        await acc1.OkAsync("signalingClose", new { channelId = closedId });
        var live = await acc1.OkAsync("signalingCall", new { type = 2, account = acc3Id, requestId = "off-2", offlineEnabled = true }, allowOffline: true);
        var liveId = live.GetProperty("channelId").GetString()!;
        await acc1.OkAsync("signalingCall", new { type = 2, account = acc3Id, requestId = "not-kept", offlineEnabled = false }, allowOffline: true);

        using var phone = _gateway.NimUser(acc3Id, "phone");
        await using var phoneEvents = await phone.OpenEventsAsync();
        Assert.Equal("signalingChannelsSyncNotify", (await phoneEvents.NextAsync()).Name);
        await phone.OkAsync("signalingSync", new { });
        var unread = await phoneEvents.WaitForAsync("signalingUnreadMessageSyncNotify");
        var items = unread.Data.EnumerateArray().ToList();
        Assert.Equal(["off-1", "off-2"], items.Select(i => i.GetProperty("requestId").GetString()));
        Assert.All(items, i => Assert.Equal("INVITE", i.GetProperty("eventType").GetString()));
        Assert.True(items.Single(i => i.GetProperty("channelId").GetString() == closedId).GetProperty("channelInValid").GetBoolean());
        Assert.False(items.Single(i => i.GetProperty("channelId").GetString() == liveId).GetProperty("channelInValid").GetBoolean());
        Assert.DoesNotContain(await phoneEvents.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "signalingNotify");

        await phone.OkAsync("signalingMarkMsgRead", new { msgid = items.Select(i => i.GetProperty("msgid").GetString()).ToArray() });
        using var tablet = _gateway.NimUser(acc3Id, "tablet");
        await using var tabletEvents = await tablet.OpenEventsAsync();
        var again = await tablet.OkAsync("signalingSync", new { });
        Assert.Equal(0, again.GetArrayLength());
        Assert.Equal(0, (await tabletEvents.WaitForAsync("signalingUnreadMessageSyncNotify")).Data.GetArrayLength());
    }

    [Fact]
    [Trait("VendorFact", "A.2 at most 100 members (10419), uid clash 10417, same account from two devices 10420; A.5 10404 closed channel")]
    public async Task ChannelLimits()
    {
        var prefix = GatewayFixture.Unique("m");
        using var creator = _gateway.NimUser(prefix + "-creator");
        var channelId = (await creator.OkAsync("signalingCreate", new { type = 3 })).GetProperty("channelId").GetString()!;
        var members = Enumerable.Range(1, 100).Select(i => _gateway.NimUser($"{prefix}-{i}")).ToList();
        await Task.WhenAll(members.Select((m, i) => m.OkAsync("signalingJoin", new { channelId, uid = i + 1 })));

        using var extra = _gateway.NimUser(prefix + "-101");
        Assert.Equal(10419, (await extra.CallAsync("signalingJoin", new { channelId })).Code);
        await members[99].OkAsync("signalingLeave", new { channelId });
        Assert.Equal(10417, (await extra.CallAsync("signalingJoin", new { channelId, uid = 5 })).Code);
        using var sameAccountOtherDevice = _gateway.NimUser(members[0].Accid, "second-device");
        Assert.Equal(10420, (await sameAccountOtherDevice.CallAsync("signalingJoin", new { channelId })).Code);

        await creator.OkAsync("signalingClose", new { channelId });
        Assert.Equal(10404, (await extra.CallAsync("signalingJoin", new { channelId })).Code);
        Assert.Equal(10404, (await members[0].CallAsync("signalingLeave", new { channelId })).Code);
        Assert.Equal(10404, (await members[0].CallAsync("signalingInvite", new { channelId, account = extra.Accid, requestId = "x" })).Code);
        Assert.Equal(10404, (await creator.CallAsync("signalingDelay", new { channelId })).Code);
        Assert.Equal(10404, (await creator.CallAsync("signalingClose", new { channelId })).Code);
        members.ForEach(m => m.Dispose());
    }

    [Fact]
    [Trait("VendorFact", "A.6 server API, form-encoded; A.7 CheckSum = sha1(AppSecret+Nonce+CurTime), valid 5 min, failure 414; user/create static token")]
    public async Task ServerApi_CheckSum_CreateRoomInviteAndStaticToken()
    {
        var from = GatewayFixture.Unique("srv1");
        var to = GatewayFixture.Unique("srv2");
        var (createdStatus, created) = await NimClient.ServerAsync(_gateway, "signal/createRoom.action", new() { ["type"] = "VIDEO", ["from"] = from });
        Assert.Equal((HttpStatusCode.OK, 200), (createdStatus, created.GetProperty("code").GetInt32()));
        var channelId = created.GetProperty("data").GetProperty("channelId").GetString()!;
        Assert.Equal(from, created.GetProperty("data").GetProperty("creator").GetString());

        // The server registers the callee's static token; the callee logs in with it and hears the server's invite.
        var (_, user) = await NimClient.ServerAsync(_gateway, "user/create.action", new() { ["accid"] = to, ["token"] = "static-secret-1" });
        Assert.Equal(200, user.GetProperty("code").GetInt32());
        using var callee = _gateway.NimUser(to);
        callee.Token = "static-secret-1";
        await using var calleeEvents = await callee.OpenEventsAsync();
        using var creator = _gateway.NimUser(from);
        await creator.OkAsync("signalingJoin", new { channelId });
        var (_, invited) = await NimClient.ServerAsync(_gateway, "signal/invite.action",
            new() { ["channelId"] = channelId, ["from"] = from, ["to"] = to, ["requestId"] = "srv-req" });
        Assert.Equal(200, invited.GetProperty("code").GetInt32());
        Assert.Equal("srv-req", (await calleeEvents.WaitForAsync("signalingNotify")).Data.GetProperty("requestId").GetString());

        var (wrongStatus, wrong) = await NimClient.ServerAsync(_gateway, "signal/createRoom.action", new() { ["type"] = "AUDIO", ["from"] = from }, secret: "not-the-secret");
        var (oldStatus, old) = await NimClient.ServerAsync(_gateway, "signal/createRoom.action", new() { ["type"] = "AUDIO", ["from"] = from },
            curTime: DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal((HttpStatusCode.Unauthorized, 414), (wrongStatus, wrong.GetProperty("code").GetInt32()));
        Assert.Equal((HttpStatusCode.Unauthorized, 414), (oldStatus, old.GetProperty("code").GetInt32()));

        callee.Token = "static-secret-2";
        var refused = await callee.CallAsync("signalingSync", new { });
        Assert.Equal((HttpStatusCode.Unauthorized, 302), (refused.Status, refused.Code));
    }

    [Fact]
    [Trait("VendorFact", "A.3 requestId ≤ 128, attachExt ≤ 4096; A.5 414 bad parameter")]
    public async Task BadInput_Gets414NamingTheField_AndChangesNothing()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var acc2Events = await acc2.OpenEventsAsync();
        var channelId = (await acc1.OkAsync("signalingCreateAndJoin", new { type = 2 })).GetProperty("channelId").GetString()!;

        var cases = new (string Json, string Field)[]
        {
            ($"{{\"channelId\":\"{channelId}\",\"account\":\"{acc2.Accid}\",\"requestId\":\"{new string('r', 129)}\"}}", "requestId"),
            ($"{{\"channelId\":\"{channelId}\",\"account\":\"{acc2.Accid}\",\"requestId\":\"ok\",\"attachExt\":\"{new string('x', 4097)}\"}}", "attachExt"),
            ($"{{\"channelId\":\"{channelId}\",\"account\":\"{acc2.Accid}\",\"requestId\":7}}", "requestId"),
            ($"{{\"channelId\":\"{channelId}\",\"requestId\":\"ok\"}}", "account"),
            ("{\"channelId\": ", "body"),
        };
        foreach (var (json, field) in cases)
        {
            var (status, code, body) = await acc1.CallRawAsync("signalingInvite", json);
            Assert.Equal((HttpStatusCode.BadRequest, 414), (status, code));
            Assert.Contains(field == "body" ? "JSON" : field, body.GetProperty("message").GetString());
        }

        Assert.DoesNotContain(await acc2Events.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "signalingNotify");
        var badCursor = await acc1.Http.GetAsync($"/nim/events?appKey={GatewayProcess.NimAppKey}&accid={acc1.Accid}&token={Uri.EscapeDataString(acc1.Token)}&after=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(414, JsonDocument.Parse(await badCursor.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        var info = await acc1.OkAsync("signalingGetChannelInfo", new { channelName = channelId });
        Assert.Equal(1, info.GetProperty("members").GetArrayLength());
    }
}
