using System.Net;
using System.Text.Json;
using Signaling.Adapters.OpenIM.Auth;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.OpenIM;

/// <summary>The OpenIM surface as a migrating app uses it, through the real gateway (issue #4 acceptance). Each case cites its vendor fact.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenIMContractTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "B.8 JWT {UserID, PlatformID}; B.7 v3 token codes 1501 expired, 1502/1503 invalid/malformed")]
    public async Task Tokens_StandardAccepted_TamperedAndExpiredRefused()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"), platformId: 1);
        Assert.Equal(0, (await u1.CallAsync("third/get_rtc_invitation_start_app", new { })).Code);

        var valid = u1.Token;
        u1.Token = valid[..^3] + (valid[^3] == 'A' ? "B" : "A") + valid[^2..];
        var tampered = await u1.CallAsync("third/get_rtc_invitation_start_app", new { });
        u1.Token = OpenIMTokens.IssueV3(u1.UserId, 1, GatewayProcess.OpenIMSecret, DateTimeOffset.UtcNow.AddDays(-2), TimeSpan.FromDays(1));
        var expired = await u1.CallAsync("third/get_rtc_invitation_start_app", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, tampered.Status);
        Assert.Contains(tampered.Code, new[] { 1502, 1503 });
        Assert.Equal((HttpStatusCode.Unauthorized, 1501), (expired.Status, expired.Code));
    }

    [Fact]
    [Trait("VendorFact", "B.4: inviter's device gets OnInviteeAccepted, the accepting user's other platforms …ByOtherDevice; OnHangUp to the others")]
    public async Task InviteAcceptHangUp_AcrossPlatforms()
    {
        var u2Id = GatewayFixture.Unique("u2");
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"), platformId: 1);
        using var u2Mobile = _gateway.OpenIMUser(u2Id, platformId: 2);
        using var u2Web = _gateway.OpenIMUser(u2Id, platformId: 5);
        await using var u1Events = await u1.OpenEventsAsync();
        await using var u2MobileEvents = await u2Mobile.OpenEventsAsync();
        await using var u2WebEvents = await u2Web.OpenEventsAsync();

        var reply = await u1.InviteAsync([u2Id]);
        var room = reply.GetProperty("roomID").GetString()!;
        Assert.False(string.IsNullOrEmpty(room));
        var received = await u2MobileEvents.WaitForAsync("OnReceiveNewInvitation");
        Assert.Equal(room, received.Data.GetProperty("invitation").GetProperty("roomID").GetString());
        Assert.Equal(u1.UserId, received.Data.GetProperty("invitation").GetProperty("inviterUserID").GetString());

        var accepted = await u2Mobile.AnswerAsync("signalingAccept", room);
        Assert.Equal(0, accepted.Code);
        Assert.Equal(room, accepted.Data.GetProperty("roomID").GetString());
        Assert.Equal(2, (await u1Events.WaitForAsync("OnInviteeAccepted")).Data.GetProperty("opUserPlatformID").GetInt32());
        Assert.Equal(u2Id, (await u2WebEvents.WaitForAsync("OnInviteeAcceptedByOtherDevice")).Data.GetProperty("opUserID").GetString());

        Assert.Equal(0, (await u1.AnswerAsync("signalingHungUp", room)).Code);
        Assert.Equal(u1.UserId, (await u2MobileEvents.WaitForAsync("OnHangUp")).Data.GetProperty("opUserID").GetString());
        Assert.DoesNotContain(await u1Events.DrainAsync(TimeSpan.FromMilliseconds(300)), e => e.Name == "OnHangUp");
    }

    [Fact]
    [Trait("VendorFact", "B.5 busy line: busyLineUserIDList in the reply, no ring, no timer; B.4 one OnInvitationTimeout per invitee")]
    public async Task BusyInvitee_IsListedAndNotRung_AndTheInviterGetsOneTimeoutForTheOther()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        using var u3 = _gateway.OpenIMUser(GatewayFixture.Unique("u3"));
        using var u4 = _gateway.OpenIMUser(GatewayFixture.Unique("u4"));
        var busyRoom = (await u4.InviteAsync([u3.UserId])).GetProperty("roomID").GetString()!;
        Assert.Equal(0, (await u3.AnswerAsync("signalingAccept", busyRoom)).Code);
        await using var u1Events = await u1.OpenEventsAsync();
        await using var u3Events = await u3.OpenEventsAsync();

        var reply = await u1.InviteAsync([u2.UserId, u3.UserId], timeout: 2, groupId: GatewayFixture.Unique("group"));

        Assert.Equal([u3.UserId], reply.GetProperty("busyLineUserIDList").EnumerateArray().Select(u => u.GetString()));
        var timeout = await u1Events.WaitForAsync("OnInvitationTimeout", TimeSpan.FromSeconds(4));
        Assert.Equal(u2.UserId, timeout.Data.GetProperty("userID").GetString());
        var rest = await u1Events.DrainAsync(TimeSpan.FromMilliseconds(800));
        Assert.DoesNotContain(rest, e => e.Name == "OnInvitationTimeout");
        Assert.DoesNotContain(await u3Events.DrainAsync(TimeSpan.FromMilliseconds(100)), e => e.Name == "OnReceiveNewInvitation");
    }

    [Fact]
    [Trait("VendorFact", "B.5 get_rtc_invitation_start_app: the pending invitation, empty data when nothing is pending")]
    public async Task StartApp_ReturnsThePendingInvitation_ThenNothingAfterCancelOrExpiry()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        var room = (await u1.InviteAsync([u2.UserId], offlinePushInfo: new { title = "u1 calls", desc = "video call" })).GetProperty("roomID").GetString()!;

        var pending = await u2.CallAsync("third/get_rtc_invitation_start_app", new { });
        Assert.Equal(0, pending.Code);
        Assert.Equal(room, pending.Data.GetProperty("invitation").GetProperty("roomID").GetString());
        Assert.Equal("u1 calls", pending.Data.GetProperty("offlinePushInfo").GetProperty("title").GetString());

        Assert.Equal(0, (await u1.AnswerAsync("signalingCancel", room)).Code);
        var afterCancel = await u2.CallAsync("third/get_rtc_invitation_start_app", new { });
        Assert.Equal((0, JsonValueKind.Object, 0), (afterCancel.Code, afterCancel.Data.ValueKind, afterCancel.Data.EnumerateObject().Count()));

        await u1.InviteAsync([u2.UserId], timeout: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var afterExpiry = await u2.CallAsync("third/get_rtc_invitation_start_app", new { });
        Assert.Empty(afterExpiry.Data.EnumerateObject());
    }

    [Fact]
    [Trait("VendorFact", "B.7: 1002 no permission; 1001 argument error")]
    public async Task Outsiders_LateCancels_AndMalformedBodies_AreRefused_AndChangeNothing()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        using var u9 = _gateway.OpenIMUser(GatewayFixture.Unique("u9"));
        var room = (await u1.InviteAsync([u2.UserId])).GetProperty("roomID").GetString()!;

        Assert.Equal(1002, (await u9.AnswerAsync("signalingAccept", room)).Code);
        Assert.Equal(1002, (await u1.CallAsync("signalingCancel", new { opUserID = u2.UserId, invitation = new { roomID = room } })).Code);
        Assert.Equal(0, (await u2.AnswerAsync("signalingReject", room)).Code);
        var lateCancel = await u1.AnswerAsync("signalingCancel", room);
        Assert.NotEqual(0, lateCancel.Code);
        var malformed = await u1.CallRawAsync("signalingInvite", """{"invitation":{"inviteeUserIDList":["x" """);
        Assert.Equal((HttpStatusCode.BadRequest, 1001), (malformed.Status, malformed.Code));

        // The call is as the reject left it: u2 can no longer accept it, and nothing new rings for u2.
        Assert.NotEqual(0, (await u2.AnswerAsync("signalingAccept", room)).Code);
        var nothing = await u2.CallAsync("third/get_rtc_invitation_start_app", new { });
        Assert.Empty(nothing.Data.EnumerateObject());
    }
}
