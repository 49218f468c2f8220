using System.Net;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Nim;

/// <summary>What NetEase's web SDK and call kits observe, row by row from shared/reference/fidelity-audit.md (issue #12).</summary>
[Collection(GatewayCollection.Name)]
public sealed class NimFidelityTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "audit N-3: push fields flat on the notification (N9 notify transform); N-4: an object pushPayload is JSON.stringify'd (N6/N9, SD 003); N-5: uid as a string (SD 003)")]
    public async Task CallEx_ObjectPayloadAndStringUid_ArriveFlatAndParsed()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var acc2Events = await acc2.OpenEventsAsync();

        var channel = await acc1.OkAsync("signalingCallEx", new
        {
            type = 2, account = acc2.Accid, uid = "123", needPush = true, pushTitle = "acc1 calls", pushPayload = new { from = "test" },
        });

        Assert.Equal(123, channel.GetProperty("members")[0].GetProperty("uid").GetInt64());
        Assert.False(channel.TryGetProperty("nertcToken", out _)); // audit N-1: absent without Adapters:Nim:Nertc
        var invite = (await acc2Events.WaitForAsync("signalingNotify")).Data;
        Assert.True(invite.GetProperty("needPush").GetBoolean());
        Assert.Equal("acc1 calls", invite.GetProperty("pushTitle").GetString());
        Assert.Equal("{\"from\":\"test\"}", invite.GetProperty("pushPayload").GetString());
        Assert.False(invite.TryGetProperty("pushInfo", out _));
    }

    [Fact]
    [Trait("VendorFact", "audit N-5: uid '' asks the server to pick one (SD 003)")]
    public async Task Join_WithEmptyStringUid_GetsOneAssigned()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));

        var channel = await acc1.OkAsync("signalingCreateAndJoin", new { type = 1, uid = "" });

        Assert.True(channel.GetProperty("members")[0].GetProperty("uid").GetInt64() > 0);
    }

    [Fact]
    [Trait("VendorFact", "audit N-6: message is the SDK's symbolic name (N6/N9 parseAvSignalError)")]
    public async Task Errors_CarryTheSdksSymbolicNames()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));

        var (_, code, body) = await acc1.CallAsync("signalingGetChannelInfo", new { channelName = GatewayFixture.Unique("none") });
        var (_, offline, offlineBody) = await acc1.CallAsync("signalingCall", new { type = 1, account = GatewayFixture.Unique("away"), requestId = "r1" });

        Assert.Equal((10404, "ROOM_NOT_EXISTS"), (code, body.GetProperty("message").GetString()));
        Assert.Equal((10201, "PEER_NIM_OFFLINE"), (offline, offlineBody.GetProperty("message").GetString()));
    }

    [Fact]
    [Trait("VendorFact", "audit N-2: signalingCreateAndJoin with a live channel's name joins it (N6/N9 handle 10405 with getChannelInfo + join)")]
    public async Task CreateAndJoin_WithALiveChannelsName_JoinsThatChannel()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        var channelName = GatewayFixture.Unique("room");
        var first = await acc1.OkAsync("signalingCreateAndJoin", new { type = 2, channelName });

        var second = await acc2.OkAsync("signalingCreateAndJoin", new { type = 2, channelName });

        Assert.Equal(first.GetProperty("channelId").GetString(), second.GetProperty("channelId").GetString());
        Assert.Equal(2, second.GetProperty("members").GetArrayLength());
    }

    [Fact]
    [Trait("VendorFact", "audit N-7: the server API answers type as the String AUDIO/VIDEO/CUSTOM (NS GetSignalRoomInfoResponseV1)")]
    public async Task ServerRoomInfo_AnswersTypeAsAString()
    {
        var (status, body) = await NimClient.ServerAsync(_gateway, "signal/createRoom.action",
            new Dictionary<string, string> { ["type"] = "2", ["from"] = GatewayFixture.Unique("acc1") });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("VIDEO", body.GetProperty("data").GetProperty("type").GetString());
    }

    [Fact]
    [Trait("VendorFact", "audit NIM server API: ctrlRoom, cancelInvite, kick, delayRoom, closeRoom, getRoomInfo (NS SignalV1UrlContext); notifications CONTROL, CANCEL_INVITE, LEAVE, ROOM_CLOSE (N6/N9 parseAvSignalType)")]
    public async Task ServerApi_RoomLifecycle_ReachesTheMembers()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        var channel = await acc1.OkAsync("signalingCreateAndJoin", new { type = 1 });
        var channelId = channel.GetProperty("channelId").GetString()!;
        await acc2.OkAsync("signalingJoin", new { channelId });
        await using var acc2Events = await acc2.OpenEventsAsync();
        await acc2Events.WaitForAsync("signalingChannelsSyncNotify");
        Task<(HttpStatusCode Status, JsonElement Body)> Server(string action, Dictionary<string, string> form) =>
            NimClient.ServerAsync(_gateway, action, form);

        Assert.Equal(200, (await Server("signal/ctrlRoom.action", new() { ["channelId"] = channelId, ["from"] = acc1.Accid, ["attachExt"] = "mute" })).Body.GetProperty("code").GetInt32());
        Assert.Equal("CONTROL", (await acc2Events.WaitForAsync("signalingNotify")).Data.GetProperty("eventType").GetString());
        await acc1.OkAsync("signalingControl", new { channelId, account = acc2.Accid, attachExt = "unmute" });
        Assert.Equal("unmute", (await acc2Events.WaitForAsync("signalingNotify")).Data.GetProperty("attachExt").GetString());

        var delayed = (await Server("signal/delayRoom.action", new() { ["channelId"] = channelId })).Body.GetProperty("data");
        Assert.True(delayed.GetProperty("channelExpireTime").GetInt64() > DateTimeOffset.UtcNow.AddMinutes(100).ToUnixTimeMilliseconds());
        var info = (await Server("signal/getRoomInfo.action", new() { ["channelId"] = channelId })).Body.GetProperty("data");
        Assert.Equal(("AUDIO", 2), (info.GetProperty("type").GetString(), info.GetProperty("members").GetArrayLength()));

        Assert.Equal(200, (await Server("signal/kick.action", new() { ["channelId"] = channelId, ["from"] = acc1.Accid, ["to"] = acc2.Accid })).Body.GetProperty("code").GetInt32());
        Assert.Equal("LEAVE", (await acc2Events.WaitForAsync("signalingNotify")).Data.GetProperty("eventType").GetString());
        await acc2.OkAsync("signalingJoin", new { channelId });
        Assert.Equal(200, (await Server("signal/closeRoom.action", new() { ["channelId"] = channelId, ["from"] = acc1.Accid })).Body.GetProperty("code").GetInt32());
        var closed = await acc2Events.WaitForAsync("signalingNotify");
        while (closed.Data.GetProperty("eventType").GetString() != "ROOM_CLOSE")
        {
            closed = await acc2Events.WaitForAsync("signalingNotify");
        }
    }

    [Fact]
    [Trait("VendorFact", "audit NIM server API: invite then cancelInvite; the invitee gets INVITE then CANCEL_INVITE (NS, N9)")]
    public async Task ServerApi_InviteThenCancelInvite()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        var channelId = (await acc1.OkAsync("signalingCreateAndJoin", new { type = 2 })).GetProperty("channelId").GetString()!;
        await using var acc2Events = await acc2.OpenEventsAsync();
        var form = new Dictionary<string, string> { ["channelId"] = channelId, ["from"] = acc1.Accid, ["to"] = acc2.Accid, ["requestId"] = "srv-1" };

        Assert.Equal(200, (await NimClient.ServerAsync(_gateway, "signal/invite.action", form)).Body.GetProperty("code").GetInt32());
        Assert.Equal("INVITE", (await acc2Events.WaitForAsync("signalingNotify")).Data.GetProperty("eventType").GetString());
        Assert.Equal(200, (await NimClient.ServerAsync(_gateway, "signal/cancelInvite.action", form)).Body.GetProperty("code").GetInt32());
        Assert.Equal("CANCEL_INVITE", (await acc2Events.WaitForAsync("signalingNotify")).Data.GetProperty("eventType").GetString());
    }

    [Fact]
    [Trait("VendorFact", "audit NIM channel sync: the SDK emits signalingChannelsSyncNotify only, never signalingMembersSyncNotify (N6, N9)")]
    public async Task Connect_InAChannel_GetsChannelsSyncOnly()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        await acc1.OkAsync("signalingCreateAndJoin", new { type = 1 });

        await using var events = await acc1.OpenEventsAsync();

        var sync = await events.WaitForAsync("signalingChannelsSyncNotify");
        Assert.Equal(1, sync.Data.GetArrayLength());
        Assert.DoesNotContain(await events.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "signalingMembersSyncNotify");
    }
}
