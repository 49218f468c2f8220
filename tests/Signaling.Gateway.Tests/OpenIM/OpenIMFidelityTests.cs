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
