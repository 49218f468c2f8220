using System.Net;
using Signaling.Adapters.OpenIM;
using static Signaling.Contract.Checks;

namespace Signaling.Contract.Surfaces;

/// <summary>
/// OpenIM signaling as its SDKs call it: the token header, the SDK's request objects, {errCode, errMsg, errDlt, data},
/// PascalCase callbacks. Sources are the fidelity audit's OpenIM rows (B.x, O-x).
/// </summary>
public static class OpenIMContract
{
    public static async Task RunAsync(ContractRun run, Credentials credentials)
    {
        var wire = run.Wire;
        var (u1, u2, u3) = (run.User("u1"), run.User("u2"), run.User("u3"));
        Task<WireAnswer> Call(string user, string method, object body, string platform = "5") =>
            wire.PostJsonAsync($"/openim/{method}", body, [new("token", credentials.VendorToken("openim", user, platform)), new("operationID", Guid.NewGuid().ToString("N"))]);
        object Invitation(string inviter, string[] invitees, int timeout = 30, string groupID = "", string roomID = "") =>
            new { inviterUserID = inviter, inviteeUserIDList = invitees, groupID, roomID, timeout, mediaType = "video", sessionType = groupID.Length == 0 ? 1 : 2, platformID = 5 };
        Task<WireAnswer> Answer(string user, string method, string room) => Call(user, method, new { opUserID = user, invitation = new { roomID = room } });
        EventFeed? u1Events = null, u2Events = null;
        string? room = null;

        await run.CheckAsync("GET /openim/events", "each user's callback stream opens with their token", "audit O-1 callbacks", async () =>
        {
            u1Events = await wire.ListenAsync($"/openim/events?token={Uri.EscapeDataString(credentials.VendorToken("openim", u1))}");
            u2Events = await wire.ListenAsync($"/openim/events?token={Uri.EscapeDataString(credentials.VendorToken("openim", u2))}");
        });
        await run.CheckAsync("POST /openim/signalingInvite", "a tampered token is refused in the envelope (1502/1503)", "audit B.7/B.8 token codes", async () =>
        {
            var token = credentials.VendorToken("openim", u1);
            var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
            var answer = await wire.PostJsonAsync("/openim/signalingInvite", new { opUserID = u1, invitation = Invitation(u1, [u2]) }, [new("token", tampered)]);
            Require(answer.Status == HttpStatusCode.Unauthorized && answer.Int("errCode") is 1502 or 1503, $"expected 401 with 1502/1503, got {(int)answer.Status} {answer.Int("errCode")}");
        });
        await run.CheckAsync("POST /openim/signalingInvite", "invite → errCode 0 with roomID; the invitee gets OnReceiveNewInvitation", "audit B.4, O-1", async () =>
        {
            room = (await Call(u1, "signalingInvite", new { opUserID = u1, invitation = Invitation(u1, [u2]), offlinePushInfo = new { title = "u1 calls", desc = "video" } }))
                .Expect("errCode", 0).String("data.roomID");
            await Need(u2Events).WaitForAsync("OnReceiveNewInvitation");
        });
        await run.CheckAsync("POST /openim/third/get_rtc_invitation_start_app", "the invitee's pending invitation, with its push info", "audit B.5", async () =>
            Require((await Call(u2, "third/get_rtc_invitation_start_app", new { })).Expect("errCode", 0).String("data.invitation.roomID") == Need(room), "roomID differs"));
        await run.CheckAsync("POST /openim/signalingGetTokenByRoomID", "a participant gets the room's token", "audit OpenIM methods (OC open_im_sdk_interface.go)", async () =>
            _ = (await Call(u2, "signalingGetTokenByRoomID", new { roomID = Need(room) })).Expect("errCode", 0).Get("data.token"));
        await run.CheckAsync("POST /openim/signalingAccept", "accept → OnInviteeAccepted to the inviter", "audit B.4, O-6", async () =>
        {
            (await Answer(u2, "signalingAccept", Need(room))).Expect("errCode", 0);
            await Need(u1Events).WaitForAsync("OnInviteeAccepted");
        });
        await run.CheckAsync("POST /openim/signalingHungUp", "hang-up → OnHangUp to the other party", "audit B.4", async () =>
        {
            (await Answer(u1, "signalingHungUp", Need(room))).Expect("errCode", 0);
            await Need(u2Events).WaitForAsync("OnHangUp");
        });
        await run.CheckAsync("POST /openim/signalingReject", "reject → OnInviteeRejected to the inviter", "audit B.4, O-6", async () =>
        {
            var rejected = (await Call(u1, "signalingInvite", new { opUserID = u1, invitation = Invitation(u1, [u2]) })).Expect("errCode", 0).String("data.roomID");
            (await Answer(u2, "signalingReject", rejected)).Expect("errCode", 0);
            await Need(u1Events).WaitForAsync("OnInviteeRejected");
        });
        await run.CheckAsync("POST /openim/signalingCancel", "an outsider's cancel is 1002; the inviter's → OnInvitationCancelled", "audit B.7; OC signaling_callback.go", async () =>
        {
            var cancelled = (await Call(u1, "signalingInvite", new { opUserID = u1, invitation = Invitation(u1, [u2]) })).Expect("errCode", 0).String("data.roomID");
            (await Answer(u3, "signalingCancel", cancelled)).Expect("errCode", 1002);
            (await Answer(u1, "signalingCancel", cancelled)).Expect("errCode", 0);
            await Need(u2Events).WaitForAsync("OnInvitationCancelled");
        });
        await run.CheckAsync("POST /openim/signalingInviteInGroup", "a group invitation nobody answers → OnInvitationTimeout", "audit B.4; OC open_im_sdk_interface.go", async () =>
        {
            var groupID = $"{run.Prefix}-group";
            (await Call(u1, "signalingInviteInGroup", new { opUserID = u1, invitation = Invitation(u1, [u2, u3], timeout: 1, groupID: groupID) })).Expect("errCode", 0);
            await Need(u1Events).WaitForAsync("OnInvitationTimeout", timeout: TimeSpan.FromSeconds(5));
        });
        await run.CheckAsync("POST /openim/signalingGetRoomByGroupID", "the group's live call, by group id", "audit OpenIM methods (OC open_im_sdk_interface.go)", async () =>
        {
            var groupID = $"{run.Prefix}-group2";
            var groupRoom = (await Call(u1, "signalingInviteInGroup", new { opUserID = u1, invitation = Invitation(u1, [u2], groupID: groupID) })).Expect("errCode", 0).String("data.roomID");
            Require((await Call(u2, "signalingGetRoomByGroupID", new { groupID })).Expect("errCode", 0).String("data.roomID") == groupRoom, "roomID differs");
            (await Answer(u1, "signalingCancel", groupRoom)).Expect("errCode", 0);
        });
        await run.CheckAsync("POST /openim/signalingInvite", "a body that is not the SDK's shape is 1001", "audit B.7", async () =>
            (await Call(u1, "signalingInvite", new { opUserID = u1 })).Expect("errCode", 1001, HttpStatusCode.BadRequest));
        await run.CheckAsync("POST /openim/third/get_rtc_invitation_info", "an invitation by its message id", "audit B.5", async () =>
        {
            var id = (await wire.PostJsonAsync("/v1/invitations", new { invitees = new[] { u2 }, timeoutSeconds = 30 }, [new("Authorization", $"Bearer {credentials.V1Token(u3)}")])).String("id");
            Require((await Call(u2, "third/get_rtc_invitation_info", new { clientMsgID = id })).Expect("errCode", 0).String("data.invitation.inviterUserID") == u3, "inviter differs");
        });
        await run.CheckAsync("POST /openim/auth/user_token", "v2 user_token with the secret: {userID, token, expiredTime}", "audit O-3", async () =>
        {
            var secret = credentials.Vendor<OpenIMOptions>(OpenIMOptions.Section).Secret;
            Require((await wire.PostJsonAsync("/openim/auth/user_token", new { secret, platform = 1, userID = u1 })).Expect("errCode", 0).String("data.userID") == u1, "userID differs");
        });
        await run.CheckAsync("POST /openim/auth/get_user_token", "an admin token (platform 10) gets a user's token; a user's token is 1002", "audit B.8", async () =>
        {
            _ = (await Call(run.User("admin"), "auth/get_user_token", new { platformID = 5, userID = u1 }, platform: "10")).Expect("errCode", 0).String("data.token");
            (await Call(u1, "auth/get_user_token", new { platformID = 5, userID = u2 })).Expect("errCode", 1002);
        });
    }
}
