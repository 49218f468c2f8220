using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Signaling.Adapters.Agora.Auth;
using Signaling.Adapters.Agora.Callbacks;
using Signaling.Adapters.Agora.Requests;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Users;
using Signaling.Http;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;
using Signaling.Http.Streams;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Agora;

/// <summary>The SDK's session, methods and invoke at <c>POST /agora/{method}</c>, and its callbacks at <c>GET /agora/events</c>.</summary>
public static class AgoraEndpoints
{
    private const string Errors = "Answers {ecode: 0, result?} or {ecode, reason}: 700/701/703/704 call failed / repeated / peer offline / timed out, " +
                                  "400 message refused (over 60/s per user or 200/s per channel), 1001 failed (e.g. not in the channel), " +
                                  "HTTP 400 with 1004 wrong parameter or 1005 parameter too large, HTTP 401 with 1003 not logged in.";

    private static readonly AgoraProblemWriter Problems = new();

    private const string SdkVersion = "1.3.0";

    private static readonly LoginParams LoginExample =
        new() { Account = "alice", Token = "1:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774", DeviceID = "phone" };

    private static readonly AgoraParams ExampleCall = new() { ChannelID = "room-1", Peer = "bob", Extra = "{\"_require_peer_online\":1,\"_timeout\":30}" };

    public static RouteGroupBuilder MapAgora(this IEndpointRouteBuilder endpoints, string groupName)
    {
        var group = endpoints.MapSurfaceGroup("/agora", Problems)
            .WithGroupName(groupName)
            .WithTags("Agora Signaling")
            .RequireAuthorization(AgoraAdapter.Policy)
            .AddEndpointFilterFactory(ValidationFilter.Create)
            .AddEndpointFilterFactory(AgoraResultCallbacks.Create);

        MapSession(group);
        MapMessages(group);
        MapChannels(group);
        MapCalls(group);
        MapUsers(group);
        group.MapMethod("Agora", "invoke", (InvokeParams p, ClaimsPrincipal user, AgoraInvoke invoke, CancellationToken ct) => invoke.RunAsync(user.ToActor(), p, ct))
            .Agora("Call an io.agora.signal.* function (user_query_user_status, channel_query_num, …) with its JSON arguments",
                new InvokeParams("io.agora.signal.channel_query_num", System.Text.Json.JsonDocument.Parse("{\"name\":\"room-1\"}").RootElement),
                new Dictionary<string, object> { ["num"] = 2 });
        MapEvents(group);
        return group;
    }

    private static void MapSession(RouteGroupBuilder group)
    {
        group.MapMethods("Agora", ["login", "login2"], async (LoginParams p, SessionService sessions, AgoraChannels channels, IOptions<AgoraOptions> options, TimeProvider clock,
                CancellationToken ct) =>
            {
                var verdict = p.Token == SignalingToken.NoNeedToken && string.IsNullOrEmpty(options.Value.AppCertificate)
                    ? SignalingToken.Ok
                    : SignalingToken.Verify(p.Token, p.Account!, options.Value.AppId, options.Value.AppCertificate, clock.GetUtcNow());
                if (verdict != SignalingToken.Ok)
                {
                    return AgoraEnvelope.Fail(verdict, verdict == SignalingToken.Expired ? "The token has expired." : "The token is not valid for this account and App ID.",
                        StatusCodes.Status401Unauthorized);
                }

                var login = await sessions.LoginAsync(AgoraSessionAuthenticationHandler.SessionScheme, p.Account!, p.DeviceID ?? "default", ct);
                if (!login.IsSuccess)
                {
                    return Fail(login.Error);
                }

                if (login.Value.Replaced is { } kicked)
                {
                    await channels.LeaveCurrentAsync(new Actor(kicked.UserId, kicked.Id), ct);
                }

                return LoginEnvelope.Ok(login.Value.Session.Id);
            })
            .AllowAnonymous()
            .Agora("Log in with a SignalingToken (login2: the native name; its retry settings do not apply over REST); logging in from another device ends the old session (onLogout 103), from the same device is ignored",
                LoginExample,
                new LoginReply("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", 0))
            .Produces<LoginEnvelope>()
            .WithExample(LoginExample, new LoginEnvelope(0, "5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", 0, new LoginReply("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", 0)));

        group.MapMethod("Agora", "logout", async (HttpContext http, SessionService sessions, AgoraChannels channels, CancellationToken ct) =>
            {
                if (await CurrentAsync(http, sessions, ct) is not { } session)
                {
                    return AgoraEnvelope.Fail(AgoraErrorMap.NotLoggedIn, "Not logged in.", StatusCodes.Status401Unauthorized);
                }

                await channels.LeaveCurrentAsync(new Actor(session.UserId, session.Id), ct);
                return Reply(await sessions.LogoutAsync(AgoraSessionAuthenticationHandler.SessionScheme, session, ct));
            })
            .Agora("End the session; its callback stream gets onLogout(101)", (object?)null, (object?)null);

        group.MapMethod("Agora", "getStatus", async (HttpContext http, SessionService sessions, CancellationToken ct) =>
                AgoraEnvelope.Ok(await CurrentAsync(http, sessions, ct) is null ? 0 : 2))
            .AllowAnonymous()
            .Agora("0 not logged in, 2 logged in (1, logging in, does not occur over REST)", (object?)null, 2);

        // The Web SDK's getSDKVersion() answers its SIGNALING_SDK_VERSION, "1.3.0" (AW AgoraSig.js), the API this surface follows.
        // Routes match case-insensitively, so the Web spelling getSDKVersion reaches it too.
        group.MapMethod("Agora", "getSdkVersion", () => AgoraEnvelope.Ok(SdkVersion))
            .AllowAnonymous()
            .Agora("The Signaling SDK version this surface follows (the Web SDK's getSDKVersion; the native getSdkVersion has the same name here)", (object?)null, SdkVersion);

        group.MapMethod("Agora", "isOnline", async (HttpContext http, SessionService sessions, CancellationToken ct) =>
                AgoraEnvelope.Ok(await CurrentAsync(http, sessions, ct) is null ? 0 : 1))
            .AllowAnonymous()
            .Agora("The native isOnline(): 1 while this session is logged in, else 0", (object?)null, 1);
    }

    private static void MapMessages(RouteGroupBuilder group)
    {
        group.MapMethods("Agora", ["messageInstantSend", "messageInstantSend2"], async (AgoraParams p, ClaimsPrincipal user, UserService users, AgoraRateLimits limits, CancellationToken ct) =>
            {
                var actor = user.ToActor();
                return Missing(("peer", p.PeerOrAccount), ("msg", p.Msg))
                       ?? (!limits.TryTake(actor.UserId) ? TooOften()
                           : Reply(await users.SendPeerMessageAsync(actor, p.PeerOrAccount!, p.Msg!, ct), _ => new Dictionary<string, object> { ["msgID"] = p.MsgID ?? "" }));
            })
            .Agora("Send a peer message (≤ 8196 bytes) to peer (or account, the native name); the peer gets onMessageInstantReceive. messageInstantSend2 takes the same fields", new AgoraParams { Peer = "bob", Msg = "hello", MsgID = "m1" },
                new Dictionary<string, object> { ["msgID"] = "m1" });

        group.MapMethods("Agora", ["messageChannelSend", "messageChannelSend2", "messageChannelSendForce"], async (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, ChannelService channels, AgoraRateLimits limits,
                CancellationToken ct) =>
            {
                if (Missing(("channelID", p.ChannelID), ("msg", p.Msg)) is { } missing)
                {
                    return missing;
                }

                var actor = user.ToActor();
                var channel = await agora.FindRequiredAsync(p.ChannelID!, ct);
                return !channel.IsSuccess ? Fail(channel.Error)
                    : !limits.TryTake(actor.UserId, channel.Value.Id) ? TooOften()
                    : Reply(await channels.SendMessageAsync(actor, channel.Value.Id, p.Msg!, cancellationToken: ct));
            })
            .Agora("Send a message to the channel you are in; the others get onMessageChannelReceive (messageChannelSend2 and messageChannelSendForce, the native names, do the same)", new AgoraParams { ChannelID = "room-1", Msg = "hi all" },
                (object?)null);
    }

    private static void MapChannels(RouteGroupBuilder group)
    {
        group.MapMethod("Agora", "channelJoin", async (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID)) ?? Reply(await agora.JoinAsync(user.ToActor(), p.ChannelID!, ct)))
            .Agora("Join a channel (leaving the one you are in); you get onChannelJoined, onChannelUserList and its attributes, the others onChannelUserJoined",
                new AgoraParams { ChannelID = "room-1" }, (object?)null);

        group.MapMethod("Agora", "channelLeave", async (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID)) ?? Reply(await agora.LeaveAsync(user.ToActor(), p.ChannelID!, ct)))
            .Agora("Leave the channel; you get onChannelLeaved, the others onChannelUserLeaved", new AgoraParams { ChannelID = "room-1" }, (object?)null);

        group.MapMethod("Agora", "channelSetAttr", (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, ChannelService channels, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("name", p.Name), ("value", p.Value)) is { } missing ? Task.FromResult(missing)
                    : OnChannelAsync(agora, p.ChannelID!, id => channels.SetAttributeAsync(user.ToActor(), id, p.Name!, p.Value!, ct), ct))
            .Agora("Set a channel attribute; members get onChannelAttrUpdated (update)", new AgoraParams { ChannelID = "room-1", Name = "topic", Value = "standup" },
                (object?)null);

        group.MapMethod("Agora", "channelDelAttr", (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, ChannelService channels, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("name", p.Name)) is { } missing ? Task.FromResult(missing)
                    : OnChannelAsync(agora, p.ChannelID!, id => channels.DeleteAttributeAsync(user.ToActor(), id, p.Name!, ct), ct))
            .Agora("Delete a channel attribute; members get onChannelAttrUpdated (del)", new AgoraParams { ChannelID = "room-1", Name = "topic" }, (object?)null);

        group.MapMethod("Agora", "channelClearAttr", (AgoraParams p, ClaimsPrincipal user, AgoraChannels agora, ChannelService channels, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID)) is { } missing ? Task.FromResult(missing)
                    : OnChannelAsync(agora, p.ChannelID!, id => channels.ClearAttributesAsync(user.ToActor(), id, ct), ct))
            .Agora("Clear the channel's attributes; members get onChannelAttrUpdated (clear)", new AgoraParams { ChannelID = "room-1" }, (object?)null);

        group.MapMethod("Agora", "channelQueryUserNum", async (AgoraParams p, AgoraChannels agora, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID)) ?? AgoraEnvelope.Ok(new Dictionary<string, object> { ["num"] = (await agora.FindAsync(p.ChannelID!, ct))?.Members.Count ?? 0 }))
            .Agora("How many users are in the channel (onChannelQueryUserNumResult)", new AgoraParams { ChannelID = "room-1" },
                new Dictionary<string, object> { ["num"] = 2 });

        group.MapMethod("Agora", "channelQueryUserIsIn", async (AgoraParams p, AgoraChannels agora, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("account", p.Account))
                ?? AgoraEnvelope.Ok(new Dictionary<string, object> { ["isIn"] = (await agora.FindAsync(p.ChannelID!, ct))?.FindMember(p.Account!) is null ? 0 : 1 }))
            .Agora("Whether a user is in the channel (onChannelQueryUserIsIn)", new AgoraParams { ChannelID = "room-1", Account = "bob" },
                new Dictionary<string, object> { ["isIn"] = 1 });
    }

    private static void MapCalls(RouteGroupBuilder group)
    {
        group.MapMethods("Agora", ["channelInviteUser2", "channelInviteUser"], async (AgoraParams p, ClaimsPrincipal user, AgoraCalls calls, CancellationToken ct) =>
            {
                if (Missing(("channelID", p.ChannelID), ("peer", p.PeerOrAccount)) is { } missing)
                {
                    return missing;
                }

                var placed = await calls.InviteAsync(user.ToActor(), p.ChannelID!, p.PeerOrAccount!, p.Extra, ct);
                return !placed.IsSuccess ? Fail(placed.Error)
                    : placed.Value == AgoraErrorMap.Reinvite ? AgoraEnvelope.Fail(placed.Value, $"A call to {p.PeerOrAccount} in {p.ChannelID} is already outstanding.")
                    : placed.Value == AgoraErrorMap.PeerOffline ? AgoraEnvelope.Fail(placed.Value, $"{p.PeerOrAccount} is offline.")
                    : AgoraEnvelope.Ok();
            })
            .Agora("Call a peer (or account, the native name; channelInviteUser is the native call without extra); extra's _require_peer_online (1: fail at once if offline) and _timeout (0–30 s) act as in the SDK", ExampleCall, (object?)null);

        group.MapMethod("Agora", "channelInviteAccept", async (AgoraParams p, ClaimsPrincipal user, AgoraCalls calls, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("peer", p.PeerOrAccount)) ?? Reply(await calls.AcceptAsync(user.ToActor(), p.ChannelID!, p.PeerOrAccount!, p.Extra, ct)))
            .Agora("Accept the call from peer; the caller gets onInviteAcceptedByPeer", ExampleCall with { Peer = "alice", Extra = "{}" }, (object?)null);

        group.MapMethod("Agora", "channelInviteRefuse", async (AgoraParams p, ClaimsPrincipal user, AgoraCalls calls, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("peer", p.PeerOrAccount)) ?? Reply(await calls.RefuseAsync(user.ToActor(), p.ChannelID!, p.PeerOrAccount!, p.Extra, ct)))
            .Agora("Refuse the call from peer; the caller gets onInviteRefusedByPeer", ExampleCall with { Peer = "alice", Extra = "{}" }, (object?)null);

        group.MapMethod("Agora", "channelInviteEnd", async (AgoraParams p, ClaimsPrincipal user, AgoraCalls calls, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("peer", p.PeerOrAccount)) ?? Reply(await calls.EndAsync(user.ToActor(), p.ChannelID!, p.PeerOrAccount!, p.Extra, ct)))
            .Agora("End the call with peer: you get onInviteEndByMyself, the peer onInviteEndByPeer", ExampleCall with { Extra = null }, (object?)null);

        group.MapMethod("Agora", "channelInviteDTMF", async (AgoraParams p, ClaimsPrincipal user, AgoraCalls calls, CancellationToken ct) =>
                Missing(("channelID", p.ChannelID), ("peer", p.PeerOrAccount), ("dtmf", p.Dtmf)) ?? Reply(await calls.SendDtmfAsync(user.ToActor(), p.ChannelID!, p.PeerOrAccount!, p.Dtmf!, ct)))
            .Agora("Send DTMF tones in a call; the peer gets onInviteMsg (msgType dtmf)", new AgoraParams { ChannelID = "room-1", Peer = "bob", Dtmf = "12#" }, (object?)null);
    }

    private static void MapUsers(RouteGroupBuilder group)
    {
        group.MapMethod("Agora", "setAttr", async (AgoraParams p, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
                Missing(("name", p.Name)) ?? Reply(await users.SetAttributeAsync(user.ToActor(), p.Name!, string.IsNullOrEmpty(p.Value) ? null : p.Value, ct)))
            .Agora("Set one of your attributes (an empty value deletes it)", new AgoraParams { Name = "mood", Value = "busy" }, (object?)null);

        group.MapMethod("Agora", "getAttr", async (AgoraParams p, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
                Missing(("name", p.Name)) ?? await AttrAsync(users, user.ToActor().UserId, p.Name!, ct))
            .Agora("One of your attributes (onUserAttrResult)", new AgoraParams { Name = "mood" }, Attr("alice", "mood", "busy"));

        group.MapMethod("Agora", "getAttrAll", async (ClaimsPrincipal user, UserService users, CancellationToken ct) => await AttrsAsync(users, user.ToActor().UserId, ct))
            .Agora("All your attributes (onUserAttrAllResult: json)", (object?)null, Attrs("alice", "{\"mood\":\"busy\"}"));

        group.MapMethod("Agora", "getUserAttr", async (AgoraParams p, UserService users, CancellationToken ct) =>
                Missing(("account", p.Account), ("name", p.Name)) ?? await AttrAsync(users, p.Account!, p.Name!, ct))
            .Agora("Another user's attribute", new AgoraParams { Account = "bob", Name = "mood" }, Attr("bob", "mood", "away"));

        group.MapMethod("Agora", "getUserAttrAll", async (AgoraParams p, UserService users, CancellationToken ct) =>
                Missing(("account", p.Account)) ?? await AttrsAsync(users, p.Account!, ct))
            .Agora("All of another user's attributes", new AgoraParams { Account = "bob" }, Attrs("bob", "{\"mood\":\"away\"}"));

        group.MapMethod("Agora", "queryUserStatus", async (AgoraParams p, UserService users, CancellationToken ct) =>
                Missing(("account", p.Account))
                ?? AgoraEnvelope.Ok(new Dictionary<string, object> { ["account"] = p.Account!, ["status"] = (await users.GetPresenceAsync(p.Account!, ct)).Online ? 1 : 0 }))
            .Agora("1 when the user is online (has a callback stream open), else 0", new AgoraParams { Account = "bob" },
                new Dictionary<string, object> { ["account"] = "bob", ["status"] = 1 });
    }

    private static void MapEvents(RouteGroupBuilder group) =>
        group.MapGet("/events", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams, AgoraEventRenderer renderer) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                EventFrame[] greeting = [new("onLoginSuccess", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new AgoraCallback { Uid = 0, Fd = 0 }, AgoraJson.Frames.AgoraCallback))];
                await streams.StreamAsync(context, user.ToActor(), after, renderer, after is null ? greeting : null, ownActions: true);
            })
            .WithName("AgoraEvents")
            .WithSummary("The SDK's callbacks as Server-Sent Events or a WebSocket")
            .WithDescription(
                "`event:` is the callback's name (onLoginSuccess, onLogout, onMessageInstantReceive, onMessageChannelReceive, onInviteReceived, " +
                "onInviteReceivedByPeer, onInviteAcceptedByPeer, onInviteRefusedByPeer, onInviteFailed, onInviteEndByPeer, onInviteEndByMyself, " +
                "onInviteMsg, onChannelJoined, onChannelLeaved, onChannelUserJoined, onChannelUserLeaved, onChannelUserList, onChannelAttrUpdated) " +
                "and `data:` its parameters by the SDK's names. Pass the session as ?session= (or X-Agora-Session). The stream starts live with " +
                "onLoginSuccess; resume with Last-Event-ID or ?after=. WebSocket frames are {event, id, data}.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithStreamParameters()
            .WithEventSchemas(typeof(AgoraCallback))
            .Produces<AgoraEnvelope<object>>(StatusCodes.Status401Unauthorized);

    private static async Task<LoginSession?> CurrentAsync(HttpContext http, SessionService sessions, CancellationToken ct) =>
        http.Request.Headers["X-Agora-Session"].FirstOrDefault() is { Length: > 0 } id
            ? await sessions.FindAsync(AgoraSessionAuthenticationHandler.SessionScheme, id, ct)
            : null;

    private static async Task<IResult> OnChannelAsync(AgoraChannels agora, string channelId, Func<string, Task<Result<Channel>>> change, CancellationToken ct)
    {
        var channel = await agora.FindRequiredAsync(channelId, ct);
        return channel.IsSuccess ? Reply(await change(channel.Value.Id)) : Fail(channel.Error);
    }

    private static async Task<IResult> AttrAsync(UserService users, string account, string name, CancellationToken ct) =>
        AgoraEnvelope.Ok(Attr(account, name, (await users.GetAttributesAsync(account, ct)).GetValueOrDefault(name) ?? ""));

    private static async Task<IResult> AttrsAsync(UserService users, string account, CancellationToken ct) =>
        AgoraEnvelope.Ok(Attrs(account, System.Text.Json.JsonSerializer.Serialize(
            (await users.GetAttributesAsync(account, ct)).ToDictionary(), AgoraJson.Frames.DictionaryStringString)));

    private static Dictionary<string, object> Attr(string account, string name, string value) =>
        new() { ["account"] = account, ["name"] = name, ["value"] = value };

    private static Dictionary<string, object> Attrs(string account, string json) => new() { ["account"] = account, ["json"] = json };

    private static IResult TooOften() =>
        AgoraEnvelope.Fail(AgoraErrorMap.SendFailed, "Too many messages: 60 per second per user and 200 per second per channel; this one was not sent.");

    internal static IResult Reply<T>(Result<T> result) => result.IsSuccess ? AgoraEnvelope.Ok() : Fail(result.Error);

    private static IResult Reply<T, TResult>(Result<T> result, Func<T, TResult> data) => result.IsSuccess ? AgoraEnvelope.Ok(data(result.Value)) : Fail(result.Error);

    internal static IResult Fail(SignalingError error) => AgoraEnvelope.Fail(AgoraErrorMap.For(error.Code), error.Message);

    /// <summary>The method's required parameters: the first one missing answers 1004 naming it.</summary>
    internal static IResult? Missing(params (string Name, object? Value)[] fields) => RequiredFields.Missing(Problems, fields);

    private static RouteHandlerBuilder Agora<TRequest, TResult>(this RouteHandlerBuilder builder, string summary, TRequest? example, TResult? result) =>
        builder.DescribeMethod<AgoraEnvelope<TResult>, AgoraEnvelope<object>>(summary, Errors, example, new AgoraEnvelope<TResult>(0, null, result));
}
