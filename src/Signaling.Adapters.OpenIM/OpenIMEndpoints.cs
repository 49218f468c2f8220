using System.Text.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Signaling.Adapters.OpenIM.Auth;
using Signaling.Adapters.OpenIM.Callbacks;
using Signaling.Adapters.OpenIM.Requests;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;
using Signaling.Http.Streams;
using Signaling.Http.Validation;

namespace Signaling.Adapters.OpenIM;

/// <summary>OpenIM's signaling calls at <c>POST /openim/{method}</c>, the offline-invitation and token endpoints, and the listener.</summary>
public static class OpenIMEndpoints
{
    private const string Errors = "Errors come in the envelope {errCode, errMsg, errDlt, data}: v3 1001 arguments (HTTP 400 when the body is " +
                                  "unreadable), 1002 no permission (opUserID is not you, or you are not in the call), 1004 no such call or it was " +
                                  "already answered; 401 with 1501–1505 for token problems (v2 codes with Adapters:OpenIM:ErrorCodes=v2).";

    private static readonly RtcInvite ExampleInvite = new("u1", ["u2"], "", "", "room-7f3a", 30, "video", 1, 5, 1767268800, []);

    public static RouteGroupBuilder MapOpenIM(this IEndpointRouteBuilder endpoints, string groupName, OpenIMProblemWriter problems)
    {
        var group = endpoints.MapSurfaceGroup("/openim", problems)
            .WithGroupName(groupName)
            .WithTags("OpenIM signaling")
            .RequireAuthorization(OpenIMAdapter.Policy)
            .AddEndpointFilterFactory(ValidationFilter.Create);

        MapInvite(group, "signalingInvite", "Invite one user; the reply carries the media room and token", inGroup: false);
        MapInvite(group, "signalingInviteInGroup", "Invite members of a group; groupID is required", inGroup: true);
        MapAnswer(group, "signalingAccept", "Accept an invitation (from OnReceiveNewInvitation); the reply carries the media token", accept: true,
            (service, actor, id, data, ct) => service.AcceptAsync(actor, id, data, ct));
        MapAnswer(group, "signalingReject", "Reject an invitation", accept: false, (service, actor, id, data, ct) => service.RejectAsync(actor, id, data, ct));
        MapAnswer(group, "signalingCancel", "Cancel your invitation while someone is still pending", accept: false,
            (service, actor, id, data, ct) => service.CancelAsync(actor, id, data, ct));
        MapAnswer(group, "signalingHungUp", "Hang up a connected call; the others get OnHangUp", accept: false,
            (service, actor, id, data, ct) => service.HangUpAsync(actor, id, data, ct));

        group.MapPost("/signalingGetRoomByGroupID", async (GetRoomByGroupIDRequest body, ClaimsPrincipal user, InvitationService invitations,
                OpenIMErrorMap errors, CancellationToken ct) =>
            {
                if (string.IsNullOrEmpty(body.GroupID))
                {
                    return OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.InvalidArgument), "'groupID' is required.", StatusCodes.Status400BadRequest);
                }

                var call = await invitations.FindGroupCallAsync(user.ToActor(), body.GroupID, ct);
                if (!call.IsSuccess)
                {
                    return Refuse(errors, call.Error);
                }

                var participants = call.Value.Participants().Select(u => new Participant(new PublicUserInfo(u))).ToList();
                return OpenIMEnvelope.Ok(new GroupRoom(RtcInvite.From(call.Value.ToView()), participants, call.Value.RoomId));
            })
            .WithOpenIMErrors()
            .WithName("OpenIMGetRoomByGroupID")
            .WithSummary("The group's ongoing call: its invitation, participants and room")
            .WithDescription(Errors)
            .Produces<OpenIMEnvelope<GroupRoom>>()
            .WithExample(new GetRoomByGroupIDRequest("team"), new OpenIMEnvelope<GroupRoom>(0, "", "", new GroupRoom(ExampleInvite with { GroupID = "team", SessionType = 2 }, [new Participant(new PublicUserInfo("u1"))], "room-7f3a")));

        group.MapPost("/signalingGetTokenByRoomID", async (GetTokenByRoomIDRequest body, ClaimsPrincipal user, InvitationService invitations,
                OpenIMErrorMap errors, IOptions<OpenIMOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                if (string.IsNullOrEmpty(body.RoomID))
                {
                    return OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.InvalidArgument), "'roomID' is required.", StatusCodes.Status400BadRequest);
                }

                var actor = user.ToActor();
                var call = await invitations.FindByRoomAsync(actor, body.RoomID, ct);
                if (!call.IsSuccess)
                {
                    return Refuse(errors, call.Error);
                }

                var (token, url) = LiveKitTokens.For(options.Value.LiveKit, actor.UserId, body.RoomID, clock.GetUtcNow());
                return OpenIMEnvelope.Ok(new RoomToken(token, null, url, url));
            })
            .WithOpenIMErrors()
            .WithName("OpenIMGetTokenByRoomID")
            .WithSummary("A media token for a room whose call you are in")
            .WithDescription("token is a LiveKit access token when Adapters:OpenIM:LiveKit is configured, otherwise empty. " + Errors)
            .Produces<OpenIMEnvelope<RoomToken>>()
            .WithExample(new GetTokenByRoomIDRequest("room-7f3a"), new OpenIMEnvelope<RoomToken>(0, "", "", new RoomToken("eyJhbGciOiJIUzI1NiIs…", null, "wss://livekit.example.com", "wss://livekit.example.com")));

        group.MapPost("/third/get_rtc_invitation_info", async (RtcInvitationInfoRequest body, ClaimsPrincipal user, InvitationService invitations,
                TimeProvider clock, CancellationToken ct) =>
                OpenIMEnvelope.Ok(await PendingAsync(invitations, user.ToActor(), body.ClientMsgID ?? "", clock, ct)))
            .WithOpenIMErrors()
            .WithName("OpenIMGetRtcInvitationInfo")
            .WithSummary("The invitation an offline push named (clientMsgID = its inviteID), if it still waits for you")
            .WithDescription("data is {opUserID, invitation, offlinePushInfo}, or {} when the invitation was answered, cancelled or has expired.")
            .Produces<OpenIMEnvelope<PendingInvitation>>()
            .WithExample(new RtcInvitationInfoRequest("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7"), new OpenIMEnvelope<PendingInvitation>(0, "", "", new PendingInvitation("u1", ExampleInvite, null)));

        group.MapPost("/third/get_rtc_invitation_start_app", async (ClaimsPrincipal user, InvitationService invitations, IEventLog log, TimeProvider clock,
                CancellationToken ct) =>
            {
                // The newest invitation that still rings for you: what woke the app.
                var actor = user.ToActor();
                var recent = await log.ReadRecentAsync(actor.UserId, 200, ct);
                foreach (var received in recent.Where(e => e.Kind == EventKind.InvitationReceived).Reverse())
                {
                    if (await PendingAsync(invitations, actor, received.InvitationId!, clock, ct) is PendingInvitation pending)
                    {
                        return OpenIMEnvelope.Ok<object>(pending);
                    }
                }

                return OpenIMEnvelope.Ok<object>(new Empty());
            })
            .WithOpenIMErrors()
            .WithName("OpenIMGetRtcInvitationStartApp")
            .WithSummary("The invitation that is ringing for you now, for an app that was started by a push")
            .WithDescription("data is {opUserID, invitation, offlinePushInfo}, or {} when nothing is ringing.")
            .Produces<OpenIMEnvelope<PendingInvitation>>()
            .WithExample(null, new OpenIMEnvelope<PendingInvitation>(0, "", "", new PendingInvitation("u1", ExampleInvite, new OpenIMOfflinePushInfo("u1", "Incoming call"))));

        group.MapPost("/auth/user_token", (UserTokenRequest body, IOptions<OpenIMOptions> options, OpenIMErrorMap errors, TimeProvider clock) =>
            {
                if (body.Secret != options.Value.Secret)
                {
                    return OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.PermissionDenied), "secret does not match");
                }

                var (now, lifetime) = (clock.GetUtcNow(), options.Value.TokenLifetime);
                var token = OpenIMTokens.IssueV2(body.UserID!, body.Platform!.Value, options.Value.Secret, now, lifetime);
                return OpenIMEnvelope.Ok(new UserTokenV2Reply(body.UserID!, token, (now + lifetime).ToUnixTimeSeconds()));
            })
            .AllowAnonymous()
            .WithOpenIMErrors()
            .WithName("OpenIMUserToken")
            .WithSummary("v2 token endpoint: your backend trades the server secret for a user's token")
            .WithDescription("As OpenIM v2's /auth/user_token: {secret, platform, userID} → {userID, token, expiredTime}; a wrong secret is refused with the v2 code for a denied request.")
            .Produces<OpenIMEnvelope<UserTokenV2Reply>>()
            .WithExample(new UserTokenRequest("openIM123", 5, "u1"), new OpenIMEnvelope<UserTokenV2Reply>(0, "", "", new UserTokenV2Reply("u1", "eyJhbGciOiJIUzI1NiIs…", 1775044800)));

        group.MapPost("/auth/get_user_token", (GetUserTokenRequest body, ClaimsPrincipal user, IOptions<OpenIMOptions> options, OpenIMErrorMap errors,
                TimeProvider clock) =>
            {
                var admin = user.ToActor();
                return admin.DeviceId != Platforms.Admin.ToString(System.Globalization.CultureInfo.InvariantCulture) && !options.Value.AdminUserIds.Contains(admin.UserId)
                    ? OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.PermissionDenied), "an admin token is required")
                    : OpenIMEnvelope.Ok(new UserTokenReply(
                        OpenIMTokens.IssueV3(body.UserID!, body.PlatformID!.Value, options.Value.Secret, clock.GetUtcNow(), options.Value.TokenLifetime),
                        (long)options.Value.TokenLifetime.TotalSeconds));
            })
            .WithOpenIMErrors()
            .WithName("OpenIMGetUserToken")
            .WithSummary("v3 token endpoint: an admin token (platform 10 or Adapters:OpenIM:AdminUserIds) gets a user's token")
            .WithDescription("As OpenIM v3's /auth/get_user_token: {platformID, userID} → {token, expireTimeSeconds}, signed with Adapters:OpenIM:Secret.")
            .Produces<OpenIMEnvelope<UserTokenReply>>()
            .WithExample(new GetUserTokenRequest(1, "u1"), new OpenIMEnvelope<UserTokenReply>(0, "", "", new UserTokenReply("eyJhbGciOiJIUzI1NiIs…", 7776000)));

        group.MapGet("/events", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams, OpenIMEventRenderer renderer) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                await streams.StreamAsync(context, user.ToActor(), after, renderer);
            })
            .WithName("OpenIMEvents")
            .WithSummary("OnSignalingListener callbacks as Server-Sent Events or a WebSocket")
            .WithDescription(
                "`event:` is the callback by the name the Go core, JS, WASM and .NET SDKs emit (OnReceiveNewInvitation, OnInviteeAccepted, " +
                "OnInviteeRejected, OnInviteeAcceptedByOtherDevice, OnInviteeRejectedByOtherDevice, OnInvitationCancelled, OnInvitationTimeout, " +
                "OnHangUp, OnRoomParticipantConnected, OnRoomParticipantDisconnected) and `data:` the JSON of the matching Signal*Req. Authenticate with the token header or " +
                "?token=; resume with Last-Event-ID or ?after=. WebSocket frames are {event, id, data}.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithStreamParameters()
            .WithEventSchemas(typeof(SignalCallback), typeof(RoomParticipants))
            .Produces<OpenIMEnvelope<object>>(StatusCodes.Status401Unauthorized);
        return group;
    }

    private static void MapInvite(RouteGroupBuilder group, string method, string summary, bool inGroup) =>
        group.MapPost($"/{method}", async (SignalRequest body, ClaimsPrincipal user, InvitationService invitations, OpenIMErrorMap errors,
                IOptions<OpenIMOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                var invite = body.Resolve()!;
                var actor = user.ToActor();
                if (invite.InviteeUserIDList is not { Count: > 0 } || inGroup && string.IsNullOrEmpty(invite.GroupID))
                {
                    return OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.InvalidArgument),
                        inGroup ? "'inviteeUserIDList' and 'groupID' are required." : "'inviteeUserIDList' is required.", StatusCodes.Status400BadRequest);
                }

                if (ActingForSomeoneElse(body.OpUserID ?? invite.InviterUserID, actor))
                {
                    return Refuse(errors, SignalingError.Denied("opUserID / inviterUserID must be the token's user."));
                }

                var result = await invitations.InviteAsync(actor, new Signaling.Core.Invitations.InviteRequest
                {
                    Invitees = invite.InviteeUserIDList,
                    GroupId = inGroup ? invite.GroupID : null,
                    RoomId = invite.RoomID,
                    MediaType = invite.MediaType == "audio" ? MediaType.Audio : MediaType.Video,
                    Data = invite.CustomData,
                    TimeoutSeconds = invite.Timeout is > 0 ? invite.Timeout.Value : RtcInvite.DefaultTimeoutSeconds,
                    OfflinePush = body.OfflinePushInfo?.ToCore(),
                    InviterProfile = body.Participant is { ValueKind: JsonValueKind.Object } participant ? participant.GetRawText() : null,
                }, ct);
                if (!result.IsSuccess)
                {
                    return Refuse(errors, result.Error);
                }

                var room = result.Value.Invitation.RoomId;
                var (token, url) = LiveKitTokens.For(options.Value.LiveKit, actor.UserId, room, clock.GetUtcNow());
                return OpenIMEnvelope.Ok(new InviteReply(token, room, url, url, result.Value.Busy));
            })
            .WithOpenIMErrors()
            .WithName($"OpenIM{char.ToUpperInvariant(method[0])}{method[1..]}")
            .WithSummary(summary)
            .WithDescription("Body {opUserID?, invitation: RtcInvite, offlinePushInfo?, participant?} or a flat RtcInvite. An empty roomID is made " +
                             "by the server; timeout 0 means the SDK default (3600 s). Invitees already in a call come back in busyLineUserIDList " +
                             "and are not rung. " + Errors)
            .Produces<OpenIMEnvelope<InviteReply>>()
            .WithExample(new SignalRequest { OpUserID = "u1", Invitation = ExampleInvite with { RoomID = "" } },
                new OpenIMEnvelope<InviteReply>(0, "", "", new InviteReply("", "room-7f3a", "", "", [])));

    private delegate Task<Result<Invitation>> Answer(InvitationService service, Actor actor, string invitationId, string? data, CancellationToken ct);

    private static void MapAnswer(RouteGroupBuilder group, string method, string summary, bool accept, Answer answer)
    {
        var endpoint = group.MapPost($"/{method}", async (SignalRequest body, ClaimsPrincipal user, InvitationService invitations, OpenIMErrorMap errors,
                IOptions<OpenIMOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                var invite = body.Resolve()!;
                var actor = user.ToActor();
                if (string.IsNullOrEmpty(invite.RoomID))
                {
                    return OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.InvalidArgument), "'invitation.roomID' is required.", StatusCodes.Status400BadRequest);
                }

                if (ActingForSomeoneElse(body.OpUserID, actor))
                {
                    return Refuse(errors, SignalingError.Denied("opUserID must be the token's user."));
                }

                // OpenIM names a call by its room: the latest invitation for that room is the one answered.
                var call = await invitations.FindByRoomAsync(actor, invite.RoomID, ct);
                var result = call.IsSuccess ? await answer(invitations, actor, call.Value.Id, invite.CustomData, ct) : call;
                if (!result.IsSuccess)
                {
                    return Refuse(errors, result.Error);
                }

                if (!accept)
                {
                    return OpenIMEnvelope.Ok<object>(new Empty());
                }

                var (token, url) = LiveKitTokens.For(options.Value.LiveKit, actor.UserId, invite.RoomID, clock.GetUtcNow());
                return OpenIMEnvelope.Ok<object>(new RoomToken(token, invite.RoomID, url, url));
            })
            .WithOpenIMErrors()
            .WithName($"OpenIM{char.ToUpperInvariant(method[0])}{method[1..]}")
            .WithSummary(summary)
            .WithDescription("Body {opUserID, invitation: RtcInvite} as received in OnReceiveNewInvitation; the call is found by invitation.roomID. " + Errors);
        var example = new SignalRequest { OpUserID = "u2", Invitation = ExampleInvite };

        // An accept answers the media room's token; the other answers OpenIM's empty data object.
        if (accept)
        {
            endpoint.Produces<OpenIMEnvelope<RoomToken>>().WithExample(example, new OpenIMEnvelope<RoomToken>(0, "", "", new RoomToken("", "room-7f3a", "", "")));
        }
        else
        {
            endpoint.Produces<OpenIMEnvelope<Empty>>().WithExample(example, new OpenIMEnvelope<Empty>(0, "", "", new Empty()));
        }
    }

    /// <summary>A caller may act only as itself: an opUserID, when given, must be the token's user.</summary>
    /// <summary>A signaling method's business refusal (HTTP 200), as v3 answers it or as the v2 SDK reports it (3003).</summary>
    private static IResult Refuse(OpenIMErrorMap errors, SignalingError error)
    {
        var (code, message) = errors.Signaling(error.Code, error.Message);
        return OpenIMEnvelope.Fail(code, message);
    }

    private static bool ActingForSomeoneElse(string? opUserId, Actor actor) => !string.IsNullOrEmpty(opUserId) && opUserId != actor.UserId;

    /// <summary>The invitation if it still rings for the caller (pending, not expired), else OpenIM's empty object.</summary>
    private static async Task<object> PendingAsync(InvitationService invitations, Actor actor, string invitationId, TimeProvider clock, CancellationToken ct)
    {
        var found = await invitations.GetAsync(actor, invitationId, ct);
        return found.IsSuccess && found.Value.IsRingingFor(actor.UserId, clock.GetUtcNow())
            ? new PendingInvitation(found.Value.Inviter.UserId, RtcInvite.From(found.Value.ToView()), OpenIMOfflinePushInfo.From(found.Value.OfflinePush))
            : new Empty();
    }

    /// <summary>Refusals before the method runs: 400 with the argument code, 401 with a token code, both in the envelope.</summary>
    private static RouteHandlerBuilder WithOpenIMErrors(this RouteHandlerBuilder builder) =>
        builder.Produces<OpenIMEnvelope<object>>(StatusCodes.Status400BadRequest).Produces<OpenIMEnvelope<object>>(StatusCodes.Status401Unauthorized);
}
