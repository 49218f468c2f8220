using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Signaling.Adapters.Nim;
using Signaling.Adapters.Nim.Auth;
using static Signaling.Contract.Checks;

namespace Signaling.Contract.Surfaces;

/// <summary>
/// NetEase NIM independent signaling as its web SDK and server API use it: X-NIM-* login headers, the SDK's option
/// objects, {code, data | message} with 200 for success, signalingNotify and the sync notifications; the server API
/// form-encoded with a CheckSum. Sources are the fidelity audit's NIM rows (A.x, N-x).
/// </summary>
public static class NimContract
{
    /// <summary>The kit's device: offline items are synced to the device that asks (signalingSync), on its own stream.</summary>
    private const string Device = "contract-kit";

    public static async Task RunAsync(ContractRun run, Credentials credentials)
    {
        var wire = run.Wire;
        var options = credentials.Vendor<NimOptions>(NimOptions.Section);
        var (acc1, acc2) = (run.User("acc1"), run.User("acc2"));
        Task<WireAnswer> Call(string accid, string method, object body) => wire.PostJsonAsync($"/nim/{method}", body,
            [new("X-NIM-AppKey", options.AppKey), new("X-NIM-Accid", accid), new("X-NIM-Token", credentials.VendorToken("nim", accid)), new("X-NIM-DeviceId", Device)]);
        string Events(string accid) =>
            $"/nim/events?appKey={Uri.EscapeDataString(options.AppKey)}&accid={accid}&token={Uri.EscapeDataString(credentials.VendorToken("nim", accid))}&deviceId={Device}";
        Task<WireAnswer> Server(string action, Dictionary<string, string> form, string? secret = null)
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return wire.PostFormAsync($"/nim/nimserver/{action}", form,
                [new("AppKey", options.AppKey), new("Nonce", nonce), new("CurTime", time), new("CheckSum", NimTokens.CheckSum(secret ?? options.AppSecret, nonce, time))]);
        }

        static Func<JsonElement, bool> Type(string eventType) => e => e.GetProperty("eventType").GetString() == eventType;
        EventFeed? acc1Events = null, acc2Events = null;
        string? channelId = null;

        await run.CheckAsync("GET /nim/events", "each account's notification stream opens with its token", "audit A.4 notifications", async () =>
        {
            acc1Events = await wire.ListenAsync(Events(acc1));
            acc2Events = await wire.ListenAsync(Events(acc2));
        });
        await run.CheckAsync("POST /nim/signalingCall", "a wrong token is refused with 302 in the envelope", "audit A.5 302", async () =>
        {
            var answer = await wire.PostJsonAsync("/nim/signalingCall", new { type = 2, account = acc2, requestId = "r0" },
                [new("X-NIM-AppKey", options.AppKey), new("X-NIM-Accid", acc1), new("X-NIM-Token", "not-a-token")]);
            answer.Expect("code", 302, HttpStatusCode.Unauthorized);
        });
        await run.CheckAsync("POST /nim/signalingCall", "call → 200 with the channel and its members; the callee gets INVITE", "audit A.3 signalingCall; A.4 INVITE", async () =>
        {
            channelId = (await Call(acc1, "signalingCall", new { type = 2, account = acc2, requestId = "r1", attachExt = "hi" })).Expect("code", 200).String("data.channelId");
            await Need(acc2Events).WaitForAsync("signalingNotify", Type("INVITE"));
        });
        await run.CheckAsync("POST /nim/signalingAccept", "accept with autoJoin → the caller gets ACCEPT; a second accept is 10410", "audit A.3, A.4 ACCEPT, A.5 10410", async () =>
        {
            (await Call(acc2, "signalingAccept", new { channelId = Need(channelId), account = acc1, requestId = "r1", autoJoin = true })).Expect("code", 200);
            await Need(acc1Events).WaitForAsync("signalingNotify", Type("ACCEPT"));
            (await Call(acc2, "signalingAccept", new { channelId, account = acc1, requestId = "r1" })).Expect("code", 10410);
        });
        await run.CheckAsync("POST /nim/signalingControl", "a control message reaches the other member as CONTROL", "audit NIM server API notifications (N6/N9 parseAvSignalType)", async () =>
        {
            (await Call(acc1, "signalingControl", new { channelId = Need(channelId), account = acc2, attachExt = "mute" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", Type("CONTROL"));
        });
        await run.CheckAsync("POST /nim/signalingGetChannelInfo", "the channel by name, with both members", "audit A.3", async () =>
        {
            var members = (await Call(acc1, "signalingGetChannelInfo", new { channelName = Need(channelId) })).Expect("code", 200).Get("data.members");
            Require(members.GetArrayLength() == 2, $"two members expected, got {members.GetArrayLength()}");
        });
        await run.CheckAsync("POST /nim/signalingDelay", "delay keeps the channel alive", "audit A.3", async () =>
            (await Call(acc1, "signalingDelay", new { channelId = Need(channelId) })).Expect("code", 200));
        await run.CheckAsync("POST /nim/signalingLeave", "leave → the other member gets LEAVE", "audit A.4", async () =>
        {
            (await Call(acc2, "signalingLeave", new { channelId = Need(channelId) })).Expect("code", 200);
            await Need(acc1Events).WaitForAsync("signalingNotify", Type("LEAVE"));
        });
        await run.CheckAsync("POST /nim/signalingClose", "close; then delay answers 10404", "audit A.5 10404", async () =>
        {
            (await Call(acc1, "signalingClose", new { channelId = Need(channelId) })).Expect("code", 200);
            (await Call(acc1, "signalingDelay", new { channelId })).Expect("code", 10404);
        });
        await run.CheckAsync("POST /nim/signalingCreate", "create a named channel; the same name again is 10405", "audit A.5 10405", async () =>
        {
            var name = $"{run.Prefix}-named";
            (await Call(acc1, "signalingCreate", new { type = 1, channelName = name })).Expect("code", 200);
            (await Call(acc1, "signalingCreate", new { type = 1, channelName = name })).Expect("code", 10405);
        });
        await run.CheckAsync("POST /nim/signalingCreateAndJoin", "create and join in one call", "audit A.3; N-2", async () =>
        {
            var id = (await Call(acc1, "signalingCreateAndJoin", new { type = 1 })).Expect("code", 200).String("data.channelId");
            (await Call(acc2, "signalingJoin", new { channelId = id })).Expect("code", 200);
        });
        await run.CheckAsync("POST /nim/signalingJoin", "joining a closed channel is 10404", "audit A.5 10404", async () =>
            (await Call(acc2, "signalingJoin", new { channelId = Need(channelId) })).Expect("code", 10404));
        await run.CheckAsync("POST /nim/signalingInvite", "invite into an existing channel → INVITE", "audit A.3 signalingInvite; A.4", async () =>
        {
            var id = (await Call(acc1, "signalingCreateAndJoin", new { type = 2 })).Expect("code", 200).String("data.channelId");
            (await Call(acc1, "signalingInvite", new { channelId = id, account = acc2, requestId = "r2" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("INVITE")(e) && e.GetProperty("requestId").GetString() == "r2");
            channelId = id;
        });
        await run.CheckAsync("POST /nim/signalingReject", "reject → REJECT; rejecting again is 10409", "audit A.4, A.5 10409", async () =>
        {
            (await Call(acc2, "signalingReject", new { channelId = Need(channelId), account = acc1, requestId = "r2" })).Expect("code", 200);
            await Need(acc1Events).WaitForAsync("signalingNotify", Type("REJECT"));
            (await Call(acc2, "signalingReject", new { channelId, account = acc1, requestId = "r2" })).Expect("code", 10409);
        });
        await run.CheckAsync("POST /nim/signalingCancel", "cancel → CANCEL_INVITE to the invitee", "audit A.4", async () =>
        {
            (await Call(acc1, "signalingInvite", new { channelId = Need(channelId), account = acc2, requestId = "r3" })).Expect("code", 200);
            (await Call(acc1, "signalingCancel", new { channelId, account = acc2, requestId = "r3" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", Type("CANCEL_INVITE"));
        });
        await run.CheckAsync("POST /nim/signalingCallEx", "callEx → INVITE; signalingJoinAndAccept answers it", "audit N-1 (N9 call-kit)", async () =>
        {
            var id = (await Call(acc1, "signalingCallEx", new { type = 2, account = acc2, requestId = "r4", needPush = true, pushTitle = "call" })).Expect("code", 200).String("data.channelId");
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("INVITE")(e) && e.GetProperty("requestId").GetString() == "r4");
            channelId = id;
        });
        await run.CheckAsync("POST /nim/signalingJoinAndAccept", "join and accept in one call → ACCEPT to the caller", "audit N-1; A.4", async () =>
        {
            (await Call(acc2, "signalingJoinAndAccept", new { channelId = Need(channelId), account = acc1, requestId = "r4" })).Expect("code", 200);
            await Need(acc1Events).WaitForAsync("signalingNotify", e => Type("ACCEPT")(e) && e.GetProperty("requestId").GetString() == "r4");
        });
        await run.CheckAsync("POST /nim/signalingCall", "calling an offline account with offlineEnabled is a success with a note (10201; 10202 when a push webhook takes it) and is kept for them",
            "audit A.2/A.5 offline; issue 18", async () =>
            {
                var answer = await Call(acc1, "signalingCall", new { type = 1, account = run.User("offline"), requestId = "r5", offlineEnabled = true });
                Require(answer.Status == HttpStatusCode.OK && answer.Int("code") is 10201 or 10202, $"expected 200 with code 10201 or 10202, got {(int)answer.Status} with {answer.Int("code")}");
            });
        await run.CheckAsync("POST /nim/signalingSync", "sync → the offline invitation as signalingUnreadMessageSyncNotify", "audit A.4 signalingUnreadMessageSyncNotify", async () =>
        {
            var offline = run.User("offline");
            var feed = await wire.ListenAsync(Events(offline));
            (await Call(offline, "signalingSync", new { })).Expect("code", 200);
            var unread = await feed.WaitForAsync("signalingUnreadMessageSyncNotify", e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0);
            var ids = unread.Data.EnumerateArray().Select(i => i.GetProperty("msgid").GetString()).ToArray();
            (await Call(offline, "signalingMarkMsgRead", new { msgid = ids })).Expect("code", 200);
        });
        await run.CheckAsync("POST /nim/signalingMarkMsgRead", "marking unknown message ids read is accepted", "audit A.4 markMsgRead", async () =>
            (await Call(acc1, "signalingMarkMsgRead", new { msgid = new[] { "1" } })).Expect("code", 200));

        // The server API: form-encoded, CheckSum = sha1(AppSecret + Nonce + CurTime).
        string? roomId = null;
        await run.CheckAsync("POST /nim/nimserver/signal/createRoom.action", "a wrong CheckSum is 414; a right one creates the room", "audit A.6/A.7 CheckSum, 414", async () =>
        {
            (await Server("signal/createRoom.action", new() { ["type"] = "VIDEO", ["from"] = acc1 }, secret: "not-the-secret")).Expect("code", 414, HttpStatusCode.Unauthorized);
            roomId = (await Server("signal/createRoom.action", new() { ["type"] = "VIDEO", ["from"] = acc1 })).Expect("code", 200).String("data.channelId");
            (await Call(acc1, "signalingJoin", new { channelId = roomId })).Expect("code", 200);
        });
        await run.CheckAsync("POST /nim/nimserver/user/create.action", "an account with a static token logs in with it", "audit A.7 user/create", async () =>
        {
            var account = run.User("static");
            (await Server("user/create.action", new() { ["accid"] = account, ["token"] = "static-secret-1" })).Expect("code", 200);
            (await wire.PostJsonAsync("/nim/signalingSync", new { }, [new("X-NIM-AppKey", options.AppKey), new("X-NIM-Accid", account), new("X-NIM-Token", "static-secret-1")]))
                .Expect("code", 200);
        });
        await run.CheckAsync("POST /nim/nimserver/signal/invite.action", "a server invite → INVITE to the invitee", "audit NIM server API (NS, N9)", async () =>
        {
            (await Server("signal/invite.action", new() { ["channelId"] = Need(roomId), ["from"] = acc1, ["to"] = acc2, ["requestId"] = "srv-1" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("INVITE")(e) && e.GetProperty("requestId").GetString() == "srv-1");
        });
        await run.CheckAsync("POST /nim/nimserver/signal/cancelInvite.action", "a server cancel → CANCEL_INVITE", "audit NIM server API (NS, N9)", async () =>
        {
            (await Server("signal/cancelInvite.action", new() { ["channelId"] = Need(roomId), ["from"] = acc1, ["to"] = acc2, ["requestId"] = "srv-1" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("CANCEL_INVITE")(e) && e.GetProperty("channelId").GetString() == roomId);
        });
        await run.CheckAsync("POST /nim/nimserver/signal/ctrlRoom.action", "a server control message → CONTROL to the members", "audit NIM server API ctrlRoom", async () =>
        {
            var room = Need(roomId);
            (await Call(acc2, "signalingJoin", new { channelId = room })).Expect("code", 200);
            (await Server("signal/ctrlRoom.action", new() { ["channelId"] = room, ["from"] = acc1, ["attachExt"] = "mute" })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("CONTROL")(e) && e.GetProperty("channelId").GetString() == roomId);
        });
        await run.CheckAsync("POST /nim/nimserver/signal/delayRoom.action", "delay answers the new expiry", "audit NIM server API delayRoom", async () =>
            _ = (await Server("signal/delayRoom.action", new() { ["channelId"] = Need(roomId) })).Expect("code", 200).Get("data.channelExpireTime"));
        await run.CheckAsync("POST /nim/nimserver/signal/getRoomInfo.action", "the room with type as a String and its members", "audit N-7", async () =>
            Require((await Server("signal/getRoomInfo.action", new() { ["channelId"] = Need(roomId) })).Expect("code", 200).String("data.type") == "VIDEO", "type is not VIDEO"));
        await run.CheckAsync("POST /nim/nimserver/signal/kick.action", "kick → LEAVE to the kicked member", "audit NIM server API kick", async () =>
        {
            (await Server("signal/kick.action", new() { ["channelId"] = Need(roomId), ["from"] = acc1, ["to"] = acc2 })).Expect("code", 200);
            await Need(acc2Events).WaitForAsync("signalingNotify", e => Type("LEAVE")(e) && e.GetProperty("channelId").GetString() == roomId);
        });
        await run.CheckAsync("POST /nim/nimserver/signal/closeRoom.action", "close → ROOM_CLOSE to the members", "audit NIM server API closeRoom", async () =>
        {
            (await Server("signal/closeRoom.action", new() { ["channelId"] = Need(roomId), ["from"] = acc1 })).Expect("code", 200);
            await Need(acc1Events).WaitForAsync("signalingNotify", e => Type("ROOM_CLOSE")(e) && e.GetProperty("channelId").GetString() == roomId);
        });
    }
}
