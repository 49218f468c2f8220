using System.Net;
using static Signaling.Contract.Checks;

namespace Signaling.Contract.Surfaces;

/// <summary>
/// The retired Agora Signaling 1.x SDK as its apps call it: login with a SignalingToken, then the session header,
/// {ecode, result | reason}, callbacks by the SDK's names. Sources are the fidelity audit's Agora rows (B.x, A-x) and AW AgoraSig.js.
/// </summary>
public static class AgoraContract
{
    public static async Task RunAsync(ContractRun run, Credentials credentials)
    {
        var wire = run.Wire;
        var (a, b) = (run.User("a"), run.User("b"));
        var sessions = new Dictionary<string, string>();
        Task<WireAnswer> Call(string account, string method, object body) =>
            wire.PostJsonAsync($"/agora/{method}", body, sessions.TryGetValue(account, out var session) ? [new("X-Agora-Session", session)] : []);
        async Task<WireAnswer> Ok(string account, string method, object body) => (await Call(account, method, body)).Expect("ecode", 0);
        EventFeed? aEvents = null, bEvents = null;
        var channelID = $"{run.Prefix}-room";

        await run.CheckAsync("POST /agora/login", "a wrong token is 206; a right one gives a session", "audit B.2 SignalingToken", async () =>
        {
            var token = credentials.VendorToken("agora", a);
            (await Call(a, "login", new { account = a, token = token[..^1] + (token[^1] == '0' ? "1" : "0"), deviceID = "web" })).Expect("ecode", 206, HttpStatusCode.Unauthorized);
            sessions[a] = (await Ok(a, "login", new { account = a, token, deviceID = "web" })).String("result.session");
        });
        await run.CheckAsync("GET /agora/events", "the session's callback stream opens with onLoginSuccess; an unknown session is refused", "audit B.4", async () =>
        {
            aEvents = await wire.ListenAsync($"/agora/events?session={Need(sessions.GetValueOrDefault(a))}");
            await aEvents.WaitForAsync("onLoginSuccess");
            try
            {
                await wire.ListenAsync("/agora/events?session=not-a-session");
            }
            catch (ContractFailure refused) when (refused.Message.Contains("answered 401", StringComparison.Ordinal))
            {
                return;
            }

            throw new ContractFailure("a stream with an unknown session opened");
        });
        await run.CheckAsync("POST /agora/login2", "the native login2 gives a session too", "audit A-3 login2 (AW LoginActivity.java)", async () =>
        {
            sessions[b] = (await Ok(b, "login2", new { account = b, token = credentials.VendorToken("agora", b), uid = 0, deviceID = "phone", retry_time_in_s = 30, retry_count = 3 }))
                .String("result.session");
            bEvents = await wire.ListenAsync($"/agora/events?session={sessions[b]}");
        });
        await run.CheckAsync("POST /agora/getStatus", "a logged-in session's status is 2", "AW AgoraSig.js getStatus", async () =>
            Require((await Ok(a, "getStatus", new { })).Get("result").GetInt32() == 2, "status is not 2"));
        await run.CheckAsync("POST /agora/isOnline", "a logged-in session is online (1)", "audit A-3 isOnline", async () =>
            Require((await Ok(a, "isOnline", new { })).Get("result").GetInt32() == 1, "isOnline is not 1"));
        await run.CheckAsync("POST /agora/getSdkVersion", "the Web SDK's version string", "audit A-3 getSdkVersion (AW AgoraSig.js)", async () =>
            Require((await Ok(a, "getSdkVersion", new { })).Get("result").GetString() == "1.3.0", "version is not 1.3.0"));

        await run.CheckAsync("POST /agora/channelInviteUser2", "invite → onInviteReceived to the callee, onInviteReceivedByPeer to the caller; again is 701", "audit B.3/B.4", async () =>
        {
            await Ok(a, "channelInviteUser2", new { channelID, peer = b, extra = "{\"type\":\"video\"}" });
            await Need(bEvents).WaitForAsync("onInviteReceived");
            await Need(aEvents).WaitForAsync("onInviteReceivedByPeer");
            (await Call(a, "channelInviteUser2", new { channelID, peer = b, extra = "{}" })).Expect("ecode", 701);
        });
        await run.CheckAsync("POST /agora/channelInviteAccept", "accept → onInviteAcceptedByPeer", "audit B.3/B.4", async () =>
        {
            await Ok(b, "channelInviteAccept", new { channelID, peer = a, extra = "{}" });
            await Need(aEvents).WaitForAsync("onInviteAcceptedByPeer");
        });
        await run.CheckAsync("POST /agora/channelInviteDTMF", "DTMF → onInviteMsg to the peer", "AW AgoraSig.js channelInviteDTMF", async () =>
        {
            await Ok(a, "channelInviteDTMF", new { channelID, peer = b, dtmf = "12#" });
            await Need(bEvents).WaitForAsync("onInviteMsg");
        });
        await run.CheckAsync("POST /agora/channelInviteEnd", "end → onInviteEndByMyself and onInviteEndByPeer", "audit B.3/B.4", async () =>
        {
            await Ok(a, "channelInviteEnd", new { channelID, peer = b });
            await Need(aEvents).WaitForAsync("onInviteEndByMyself");
            await Need(bEvents).WaitForAsync("onInviteEndByPeer");
        });
        await run.CheckAsync("POST /agora/channelInviteRefuse", "refuse → onInviteRefusedByPeer", "AW AgoraSig.js channelInviteRefuse", async () =>
        {
            var other = $"{channelID}-2";
            await Ok(a, "channelInviteUser2", new { channelID = other, peer = b, extra = "{}" });
            await Need(bEvents).WaitForAsync("onInviteReceived", e => e.GetProperty("channelID").GetString() == other);
            await Ok(b, "channelInviteRefuse", new { channelID = other, peer = a, extra = "{\"reason\":\"busy\"}" });
            await Need(aEvents).WaitForAsync("onInviteRefusedByPeer");
        });
        await run.CheckAsync("POST /agora/channelInviteUser", "the native channelInviteUser(channelID, account, uid) rings too", "audit A-2/A-3 (AW demo.cpp)", async () =>
        {
            var other = $"{channelID}-3";
            await Ok(a, "channelInviteUser", new { channelID = other, account = b, uid = 0 });
            await Need(bEvents).WaitForAsync("onInviteReceived", e => e.GetProperty("channelID").GetString() == other);
            await Ok(a, "channelInviteEnd", new { channelID = other, peer = b });
        });

        await run.CheckAsync("POST /agora/channelJoin", "join → onChannelJoined, the others onChannelUserJoined", "audit B.3/B.4", async () =>
        {
            await Ok(a, "channelJoin", new { channelID });
            await Ok(b, "channelJoin", new { channelID });
            await Need(bEvents).WaitForAsync("onChannelJoined");
            await Need(aEvents).WaitForAsync("onChannelUserJoined");
        });
        await run.CheckAsync("POST /agora/channelQueryUserNum", "the member count (2)", "audit B.3/A-1", async () =>
            Require((await Ok(a, "channelQueryUserNum", new { channelID })).Get("result.num").GetInt32() == 2, "num is not 2"));
        await run.CheckAsync("POST /agora/channelQueryUserIsIn", "b is in the channel", "AW AgoraSig.js channelQueryUserIsIn", async () =>
            Require((await Ok(a, "channelQueryUserIsIn", new { channelID, account = b })).Get("result.isIn").GetInt32() == 1, "isIn is not 1"));
        await run.CheckAsync("POST /agora/channelSetAttr", "set → onChannelAttrUpdated to the members", "audit B.4", async () =>
        {
            await Ok(a, "channelSetAttr", new { channelID, name = "topic", value = "standup" });
            await Need(bEvents).WaitForAsync("onChannelAttrUpdated");
        });
        await run.CheckAsync("POST /agora/channelDelAttr", "delete → onChannelAttrUpdated (del)", "AW AgoraSig.js channelDelAttr", async () =>
        {
            await Ok(a, "channelDelAttr", new { channelID, name = "topic" });
            await Need(bEvents).WaitForAsync("onChannelAttrUpdated", e => e.GetProperty("type").GetString() == "del");
        });
        await run.CheckAsync("POST /agora/channelClearAttr", "clear → onChannelAttrUpdated (clear)", "AW AgoraSig.js channelClearAttr", async () =>
        {
            await Ok(a, "channelClearAttr", new { channelID });
            await Need(bEvents).WaitForAsync("onChannelAttrUpdated", e => e.GetProperty("type").GetString() == "clear");
        });
        foreach (var method in new[] { "messageChannelSend", "messageChannelSend2", "messageChannelSendForce" })
        {
            await run.CheckAsync($"POST /agora/{method}", "a channel message → onMessageChannelReceive", "audit B.4; A-3", async () =>
            {
                await Ok(a, method, new { channelID, msg = method, msgID = method });
                await Need(bEvents).WaitForAsync("onMessageChannelReceive", e => e.GetProperty("msg").GetString() == method);
            });
        }

        await run.CheckAsync("POST /agora/invoke", "invoke channel_query_num answers {num}", "audit B.3 invoke", async () =>
            Require((await Ok(a, "invoke", new { func = "io.agora.signal.channel_query_num", args = new { name = channelID } })).Get("result.num").GetInt32() == 2, "num is not 2"));
        await run.CheckAsync("POST /agora/channelLeave", "leave → onChannelLeaved, the others onChannelUserLeaved", "AW AgoraSig.js channelLeave", async () =>
        {
            await Ok(b, "channelLeave", new { channelID });
            await Need(bEvents).WaitForAsync("onChannelLeaved");
            await Need(aEvents).WaitForAsync("onChannelUserLeaved");
        });
        foreach (var method in new[] { "messageInstantSend", "messageInstantSend2" })
        {
            await run.CheckAsync($"POST /agora/{method}", "a peer message → onMessageInstantReceive; the sender gets onMessageSendSuccess", "audit B.4; A-3", async () =>
            {
                await Ok(a, method, new { peer = b, msg = method, msgID = method });
                await Need(bEvents).WaitForAsync("onMessageInstantReceive", e => e.GetProperty("msg").GetString() == method);
                await Need(aEvents).WaitForAsync("onMessageSendSuccess", e => e.GetProperty("messageID").GetString() == method);
            });
        }

        await run.CheckAsync("POST /agora/setAttr", "set a user attribute", "AW AgoraSig.js setAttr", async () => await Ok(a, "setAttr", new { name = "mood", value = "busy" }));
        await run.CheckAsync("POST /agora/getAttr", "read it back", "AW AgoraSig.js getAttr", async () =>
            Require((await Ok(a, "getAttr", new { name = "mood" })).String("result.value") == "busy", "value is not busy"));
        await run.CheckAsync("POST /agora/getAttrAll", "all of one's attributes as JSON", "AW AgoraSig.js getAttrAll", async () =>
            Require((await Ok(a, "getAttrAll", new { })).String("result.json").Contains("busy", StringComparison.Ordinal), "busy is missing"));
        await run.CheckAsync("POST /agora/getUserAttr", "another user's attribute → onUserAttrResult", "audit A-1", async () =>
        {
            await Ok(b, "getUserAttr", new { account = a, name = "mood" });
            await Need(bEvents).WaitForAsync("onUserAttrResult", e => e.GetProperty("value").GetString() == "busy");
        });
        await run.CheckAsync("POST /agora/getUserAttrAll", "another user's attributes as JSON", "AW AgoraSig.js getUserAttrAll", async () =>
            Require((await Ok(b, "getUserAttrAll", new { account = a })).String("result.json").Contains("busy", StringComparison.Ordinal), "busy is missing"));
        await run.CheckAsync("POST /agora/queryUserStatus", "→ onQueryUserStatusResult with the String status \"1\"", "audit A-1, A-4", async () =>
        {
            await Ok(a, "queryUserStatus", new { account = b });
            await Need(aEvents).WaitForAsync("onQueryUserStatusResult", e => e.GetProperty("status").GetString() == "1");
        });
        await run.CheckAsync("POST /agora/logout", "logout → onLogout(101); the session is then refused (1003)", "audit B.4/B.6", async () =>
        {
            await Ok(b, "logout", new { });
            await Need(bEvents).WaitForAsync("onLogout", e => e.GetProperty("ecode").GetInt32() == 101);
            (await Call(b, "queryUserStatus", new { account = a })).Expect("ecode", 1003, HttpStatusCode.Unauthorized);
        });
    }
}
