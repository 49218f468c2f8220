using System.Net.Http.Json;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.OpenIM;

/// <summary>What OpenIM's real SDKs observe, row by row from shared/reference/fidelity-audit.md (issue #12).</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenIMFidelityTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    [Trait("VendorFact", "audit O-1: callbacks are PascalCase (OC signaling_callback.go, OW CbEvents); O-4: iOSPushSound/iOSBadgeCount (OC ws.proto)")]
    public async Task NewInvitation_IsOnReceiveNewInvitation_WithTheProtosPushKeys()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        await using var u2Events = await u2.OpenEventsAsync();

        await u1.InviteAsync([u2.UserId], offlinePushInfo: new { title = "u1 calls", desc = "video", iOSBadgeCount = true });

        var received = await u2Events.WaitForAsync("OnReceiveNewInvitation");
        var push = received.Data.GetProperty("offlinePushInfo");
        Assert.True(push.GetProperty("iOSBadgeCount").GetBoolean());
        Assert.False(push.TryGetProperty("iosBadgeCount", out _));
    }

    [Fact]
    [Trait("VendorFact", "audit O-6: OnInviteeAccepted/Rejected reach the inviter only, never the other invitees (OC signaling.go DoNotification)")]
    public async Task GroupCall_AnAnswer_ReachesTheInviterOnly()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        using var u3 = _gateway.OpenIMUser(GatewayFixture.Unique("u3"));
        await using var u1Events = await u1.OpenEventsAsync();
        await using var u3Events = await u3.OpenEventsAsync();
        var room = (await u1.InviteAsync([u2.UserId, u3.UserId], groupId: GatewayFixture.Unique("g"))).GetProperty("roomID").GetString()!;

        Assert.Equal(0, (await u2.AnswerAsync("signalingReject", room)).Code);

        Assert.Equal(u2.UserId, (await u1Events.WaitForAsync("OnInviteeRejected")).Data.GetProperty("opUserID").GetString());
        var atU3 = await u3Events.DrainAsync(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(atU3, e => e.Name is "OnInviteeRejected" or "OnInviteeAccepted");
    }

    [Fact]
    [Trait("VendorFact", "audit O-5: Signal*Req carries participant {userInfo {userID, nickname, faceURL, …}} as the inviter's SDK filled it (OC open_im_sdk_signaling.go getSelfParticipant, ws.proto)")]
    public async Task NewInvitation_CarriesTheInvitersParticipantMetadata()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        await using var u2Events = await u2.OpenEventsAsync();
        var invitation = new { inviterUserID = u1.UserId, inviteeUserIDList = new[] { u2.UserId }, roomID = "", timeout = 30, mediaType = "video", sessionType = 1, platformID = 5 };
        var participant = new { userInfo = new { userID = u1.UserId, nickname = "Alice", faceURL = "https://example.test/a.png", ex = "" } };

        Assert.Equal(0, (await u1.CallAsync("signalingInvite", new { opUserID = u1.UserId, invitation, participant })).Code);

        var userInfo = (await u2Events.WaitForAsync("OnReceiveNewInvitation")).Data.GetProperty("participant").GetProperty("userInfo");
        Assert.Equal(("Alice", "https://example.test/a.png"), (userInfo.GetProperty("nickname").GetString(), userInfo.GetProperty("faceURL").GetString()));
    }

    [Fact]
    [Trait("VendorFact", "audit OpenIM methods: SignalingGetRoomByGroupID, SignalingGetTokenByRoomID (OC open_im_sdk_interface.go); /third/get_rtc_invitation_info (B.5); OnInvitationCancelled to the invitees (OC signaling_callback.go)")]
    public async Task RoomLookups_OfflineInvitationInfo_AndCancel()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        using var caller = _gateway.User(GatewayFixture.Unique("caller"));
        await using var u2Events = await u2.OpenEventsAsync();
        var groupID = GatewayFixture.Unique("g");
        var room = (await u1.InviteAsync([u2.UserId], groupId: groupID)).GetProperty("roomID").GetString()!;

        var byGroup = await u2.CallAsync("signalingGetRoomByGroupID", new { groupID });
        var token = await u2.CallAsync("signalingGetTokenByRoomID", new { roomID = room });
        Assert.Equal((0, room), (byGroup.Code, byGroup.Data.GetProperty("roomID").GetString()));
        Assert.Equal(u1.UserId, byGroup.Data.GetProperty("invitation").GetProperty("inviterUserID").GetString());
        Assert.Equal(0, token.Code);
        Assert.True(token.Data.TryGetProperty("token", out _));

        Assert.Equal(0, (await u1.AnswerAsync("signalingCancel", room)).Code);
        Assert.Equal(u1.UserId, (await u2Events.WaitForAsync("OnInvitationCancelled")).Data.GetProperty("opUserID").GetString());

        var pushedId = await caller.InviteAsync(new { invitees = new[] { u2.UserId }, timeoutSeconds = 30 });
        var info = await u2.CallAsync("third/get_rtc_invitation_info", new { clientMsgID = pushedId });
        Assert.Equal(caller.UserId, info.Data.GetProperty("invitation").GetProperty("inviterUserID").GetString());
    }

    [Fact]
    [Trait("VendorFact", "B.8 v3 /auth/get_user_token: an admin token (platform 10) gets a user's token, {token, expireTimeSeconds}")]
    public async Task V3GetUserToken_WithAnAdminToken_AnswersAUsableToken()
    {
        using var admin = _gateway.OpenIMUser(GatewayFixture.Unique("admin"), platformId: 10);
        using var user = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));

        var minted = await admin.CallAsync("auth/get_user_token", new { platformID = 5, userID = user.UserId });
        var refused = await user.CallAsync("auth/get_user_token", new { platformID = 5, userID = admin.UserId });

        Assert.Equal(0, minted.Code);
        Assert.True(minted.Data.GetProperty("expireTimeSeconds").GetInt64() > 0);
        user.Token = minted.Data.GetProperty("token").GetString()!;
        Assert.Equal(0, (await user.CallAsync("third/get_rtc_invitation_start_app", new { })).Code);
        Assert.Equal(1002, refused.Code);
    }

    [Fact]
    [Trait("VendorFact", "OC signaling_callback.go: OnRoomParticipantConnected / OnRoomParticipantDisconnected with {invitation, participant[], groupID}")]
    public async Task AcceptAndHangUp_ReportRoomParticipants()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        using var u2 = _gateway.OpenIMUser(GatewayFixture.Unique("u2"));
        await using var u1Events = await u1.OpenEventsAsync();
        await using var u2Events = await u2.OpenEventsAsync();
        var room = (await u1.InviteAsync([u2.UserId])).GetProperty("roomID").GetString()!;

        Assert.Equal(0, (await u2.AnswerAsync("signalingAccept", room)).Code);
        var connected = (await u1Events.WaitForAsync("OnRoomParticipantConnected")).Data;
        Assert.Equal(0, (await u1.AnswerAsync("signalingHungUp", room)).Code);
        var disconnected = (await u2Events.WaitForAsync("OnRoomParticipantDisconnected")).Data;

        Assert.Equal(u2.UserId, connected.GetProperty("participant")[0].GetProperty("userInfo").GetProperty("userID").GetString());
        Assert.Equal(u1.UserId, disconnected.GetProperty("participant")[0].GetProperty("userInfo").GetProperty("userID").GetString());
    }

    [Fact]
    [Trait("VendorFact", "audit O-3: v2 /auth/user_token answers {userID, token, expiredTime} with expiredTime in absolute unix seconds (OS auth_api_struct.go)")]
    public async Task V2UserToken_AnswersUserIdTokenAndAbsoluteExpiry()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        var userId = GatewayFixture.Unique("u1");

        var response = await http.PostAsJsonAsync("/openim/auth/user_token", new { secret = GatewayProcess.OpenIMSecret, platform = 1, userID = userId });
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

        Assert.Equal(userId, data.GetProperty("userID").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("token").GetString()));
        var expiredTime = data.GetProperty("expiredTime").GetInt64();
        Assert.InRange(expiredTime, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds());
    }
}
