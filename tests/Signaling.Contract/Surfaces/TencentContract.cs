using System.Net;
using Signaling.Adapters.Tencent;
using static Signaling.Contract.Checks;

namespace Signaling.Contract.Surfaces;

/// <summary>
/// Tencent Cloud IM signaling as the SDK sees it: UserSig credentials, V2TIMSignalingManager's method and field names,
/// {code, desc, data}, listener callbacks. Sources are the fidelity audit's Tencent rows (A.x, T-x) and seeds 000/001.
/// </summary>
public static class TencentContract
{
    public static async Task RunAsync(ContractRun run, Credentials credentials)
    {
        var wire = run.Wire;
        var appId = credentials.Vendor<TencentOptions>(TencentOptions.Section).SdkAppId;
        var (alice, bob, carol) = (run.User("alice"), run.User("bob"), run.User("carol"));
        string Query(string user, string? sig = null) =>
            $"sdkappid={appId}&identifier={user}&usersig={Uri.EscapeDataString(sig ?? credentials.VendorToken("tencent", user))}";
        Task<WireAnswer> Call(string user, string method, object body) => wire.PostJsonAsync($"/tencent/signaling/{method}?{Query(user)}", body);
        EventFeed? aliceEvents = null, bobEvents = null, carolEvents = null;
        string? inviteId = null;

        await run.CheckAsync("GET /tencent/signaling/listener", "addSignalingListener: each user's listener opens with their UserSig", "seed 001 listener callbacks", async () =>
        {
            aliceEvents = await wire.ListenAsync($"/tencent/signaling/listener?{Query(alice)}");
            bobEvents = await wire.ListenAsync($"/tencent/signaling/listener?{Query(bob)}");
            carolEvents = await wire.ListenAsync($"/tencent/signaling/listener?{Query(carol)}");
        });
        await run.CheckAsync("POST /tencent/signaling/invite", "an altered UserSig is 70003 in the envelope", "audit A.8/A.10 UserSig", async () =>
        {
            var sig = credentials.VendorToken("tencent", alice);
            var altered = sig[..10] + (sig[10] == 'A' ? 'B' : 'A') + sig[11..];
            (await wire.PostJsonAsync($"/tencent/signaling/invite?{Query(alice, altered)}", new { invitee = bob })).Expect("code", 70003, HttpStatusCode.Unauthorized);
        });
        await run.CheckAsync("POST /tencent/signaling/invite", "invite → code 0 with the inviteID; the invitee's onReceiveNewInvitation names inviter and data", "seed 001; audit T-5", async () =>
        {
            inviteId = (await Call(alice, "invite", new { invitee = bob, data = "{\"call_type\":2}", timeout = 30 })).Expect("code", 0).String("data");
            var received = await Need(bobEvents).WaitForAsync("onReceiveNewInvitation", e => e.GetProperty("inviteID").GetString() == inviteId);
            Require(received.Data.GetProperty("inviter").GetString() == alice && received.Data.GetProperty("data").GetString() == "{\"call_type\":2}", "inviter or data differ");
        });
        await run.CheckAsync("POST /tencent/signaling/invite", "a missing invitee is 6017; 13 KB of data is 8001", "audit A.8", async () =>
        {
            (await Call(alice, "invite", new { data = "x" })).Expect("code", 6017, HttpStatusCode.BadRequest);
            (await Call(alice, "invite", new { invitee = bob, data = new string('x', 13 * 1024) })).Expect("code", 8001, HttpStatusCode.BadRequest);
        });
        await run.CheckAsync("POST /tencent/signaling/modifyInvitation", "the inviter modifies (onInvitationModified); the invitee may not (8011)", "audit A.3/A.8", async () =>
        {
            (await Call(alice, "modifyInvitation", new { inviteID = Need(inviteId), data = "v2" })).Expect("code", 0);
            await Need(bobEvents).WaitForAsync("onInvitationModified");
            (await Call(bob, "modifyInvitation", new { inviteID = inviteId, data = "v3" })).Expect("code", 8011);
        });
        await run.CheckAsync("POST /tencent/signaling/accept", "accept → onInviteeAccepted to the inviter; accepting again is 8010", "seed 001; audit A.8", async () =>
        {
            (await Call(bob, "accept", new { inviteID = Need(inviteId), data = "ok" })).Expect("code", 0);
            var accepted = await Need(aliceEvents).WaitForAsync("onInviteeAccepted", e => e.GetProperty("inviteID").GetString() == inviteId);
            Require(accepted.Data.GetProperty("invitee").GetString() == bob, "invitee differs");
            (await Call(bob, "accept", new { inviteID = inviteId })).Expect("code", 8010);
        });
        await run.CheckAsync("POST /tencent/signaling/messages", "the signaling history: invite and accept as custom messages", "audit T-7", async () =>
        {
            var messages = (await Call(alice, "messages", new { after = 0, count = 20 })).Expect("code", 0).Get("data.messages");
            Require(messages.GetArrayLength() >= 2, $"two messages expected, got {messages.GetArrayLength()}");
        });
        await run.CheckAsync("POST /tencent/signaling/getSignalingInfo", "a history message decodes to its signaling info; another message is null data", "seed 000 getSignalingInfo", async () =>
        {
            var first = (await Call(alice, "messages", new { after = 0, count = 1 })).Get("data.messages")[0].GetProperty("msgID").GetString();
            Require((await Call(alice, "getSignalingInfo", new { msgID = first })).Expect("code", 0).String("data.inviteID") == Need(inviteId), "inviteID differs");
            Require((await Call(alice, "getSignalingInfo", new { msgID = "not-a-signal" })).Expect("code", 0).Get("data").ValueKind == System.Text.Json.JsonValueKind.Null, "data is not null");
        });
        await run.CheckAsync("POST /tencent/signaling/reject", "reject → onInviteeRejected to the inviter", "seed 001", async () =>
        {
            var id = (await Call(alice, "invite", new { invitee = bob, timeout = 30 })).Expect("code", 0).String("data");
            (await Call(bob, "reject", new { inviteID = id })).Expect("code", 0);
            await Need(aliceEvents).WaitForAsync("onInviteeRejected", e => e.GetProperty("inviteID").GetString() == id);
        });
        await run.CheckAsync("POST /tencent/signaling/cancel", "only the inviter cancels (8011); cancel → onInvitationCancelled", "audit A.8; seed 001", async () =>
        {
            var id = (await Call(alice, "invite", new { invitee = bob, timeout = 30 })).Expect("code", 0).String("data");
            (await Call(bob, "cancel", new { inviteID = id })).Expect("code", 8011);
            (await Call(alice, "cancel", new { inviteID = id })).Expect("code", 0);
            await Need(bobEvents).WaitForAsync("onInvitationCancelled", e => e.GetProperty("inviteID").GetString() == id);
        });
        await run.CheckAsync("POST /tencent/signaling/inviteInGroup", "a group invitation nobody answers → onInvitationTimeout for everyone", "audit A.6/A.7", async () =>
        {
            var id = (await Call(alice, "inviteInGroup", new { groupID = $"{run.Prefix}-team", inviteeList = new[] { bob, carol }, timeout = 1 })).Expect("code", 0).String("data");
            foreach (var feed in new[] { aliceEvents, bobEvents, carolEvents })
            {
                await Need(feed).WaitForAsync("onInvitationTimeout", e => e.GetProperty("inviteID").GetString() == id, TimeSpan.FromSeconds(5));
            }
        });
        await run.CheckAsync("POST /tencent/signaling/addInvitedSignaling", "an invitation learnt from a push is added, then answered", "audit T-9", async () =>
        {
            var id = (await Call(alice, "invite", new { invitee = bob, timeout = 30 })).Expect("code", 0).String("data");
            var info = new { inviteID = id, inviter = alice, inviteeList = new[] { bob }, groupID = "", data = "", timeout = 30, actionType = 1, businessID = 1, isOnlineUserOnly = false };
            (await Call(bob, "addInvitedSignaling", new { info })).Expect("code", 0);
            (await Call(bob, "reject", new { inviteID = id })).Expect("code", 0);
        });
    }
}
