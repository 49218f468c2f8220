using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Core;
using Signaling.Core.Ports;
using Signaling.Http.Identity;
using Signaling.Adapters.Tencent.Callbacks;
using Signaling.Http.OpenApi;
using Signaling.Http.Streams;
using Signaling.Http.Validation;
using CoreInviteRequest = Signaling.Core.Invitations.InviteRequest;
using Invitation = Signaling.Core.Invitations.Invitation;
using InvitationService = Signaling.Core.Invitations.InvitationService;
using InviteResult = Signaling.Core.Invitations.InviteResult;
using InviteRequest = Signaling.Adapters.Tencent.Requests.InviteRequest;

namespace Signaling.Adapters.Tencent;

/// <summary>V2TIMSignalingManager's methods at <c>POST /tencent/signaling/{method}</c>, and its listener.</summary>
public static class TencentEndpoints
{
    private const string Errors = "Errors come in the envelope: 6017 invalid parameters, 8001 data over 12 KB, 8010 unknown or already handled " +
                                  "inviteID (or not an invitee), 8011 not the inviter; 401 with 70001/70002/70003/70013/70014 for UserSig problems.";

    public static RouteGroupBuilder MapTencent(this IEndpointRouteBuilder endpoints, string groupName)
    {
        var group = endpoints.MapSurfaceGroup("/tencent", TencentProblemWriter.Instance).MapGroup("/signaling")
            .WithGroupName(groupName)
            .WithTags("Tencent signaling")
            .RequireAuthorization(TencentAdapter.Policy)
            .AddEndpointFilterFactory(ValidationFilter.Create);

        group.MapPost("/invite", async (InviteRequest body, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
                await InviteAsync(invitations, user.ToActor(), new CoreInviteRequest
                {
                    Invitees = [body.InviteeOrUserID!],
                    Data = body.Data,
                    TimeoutSeconds = body.Timeout ?? 30,
                    OnlineUserOnly = body.OnlineUserOnly ?? false,
                    OfflinePush = body.OfflinePushInfo?.ToCore(),
                    RingWhenBusy = true,
                }, ct))
            .WithTencentErrors()
            .WithName("TencentInvite")
            .WithSummary("invite: ring one user; data is the inviteID")
            .WithDescription("timeout is in seconds on the server's clock (absent: 30, 0: never). " + Errors)
            .Produces<TencentEnvelope<string>>()
            .WithExample(new InviteRequest("bob", "{\"call_type\":2}", 30, false, new V2TimOfflinePushInfo("Alice", "Incoming call")), new TencentEnvelope<string>(0, "ok", "5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7"));

        group.MapPost("/inviteInGroup", async (InviteInGroupRequest body, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
                await InviteAsync(invitations, user.ToActor(), new CoreInviteRequest
                {
                    Invitees = body.InviteeList!,
                    GroupId = body.GroupID,
                    Data = body.Data,
                    TimeoutSeconds = body.Timeout ?? 30,
                    OnlineUserOnly = body.OnlineUserOnly ?? false,
                    OfflinePush = body.OfflinePushInfo?.ToCore(),
                    RingWhenBusy = true,
                }, ct))
            .WithTencentErrors()
            .WithName("TencentInviteInGroup")
            .WithSummary("inviteInGroup: ring several members of a group; data is the inviteID")
            .WithDescription("Only the listed members are rung; every invitee and the inviter see each answer. " + Errors)
            .Produces<TencentEnvelope<string>>()
            .WithExample(new InviteInGroupRequest("team", ["bob", "carol"], "{\"call_type\":1}", 30), new TencentEnvelope<string>(0, "ok", "5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7"));

        MapAnswer(group, "cancel", "cancel: withdraw your invitation while someone is still pending", inviterOnly: true,
            (service, actor, body, ct) => service.CancelAsync(actor, body.InviteID!, body.Data, ct));
        MapAnswer(group, "accept", "accept: answer an invitation you are an invitee of", inviterOnly: false,
            (service, actor, body, ct) => service.AcceptAsync(actor, body.InviteID!, body.Data, ct));
        MapAnswer(group, "reject", "reject: decline an invitation you are an invitee of", inviterOnly: false,
            (service, actor, body, ct) => service.RejectAsync(actor, body.InviteID!, body.Data, ct));
        MapAnswer(group, "modifyInvitation", "modifyInvitation: replace your invitation's data; everyone still in it gets onInvitationModified", inviterOnly: true,
            (service, actor, body, ct) => service.ModifyAsync(actor, body.InviteID!, body.Data, ct));

        group.MapPost("/getSignalingInfo", async (GetSignalingInfoRequest body, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            {
                // Anything that is not one of your signaling messages is "not a signaling message": data null.
                if (!TencentSignals.TryParseMessageId(body.MsgID!, out var inviteId, out var step)
                    || await invitations.GetAsync(user.ToActor(), inviteId, ct) is not { IsSuccess: true } found
                    || found.Value.OnlineUserOnly || found.Value.FindStep(step) is not { } action)
                {
                    return TencentEnvelope.Ok<V2TimSignalingInfo?>(null);
                }

                return TencentEnvelope.Ok(TencentSignals.Info(found.Value.ToView(), action.Action, action.Actor, action.Users, action.Data));
            })
            .WithTencentErrors()
            .WithName("TencentGetSignalingInfo")
            .WithSummary("getSignalingInfo: decode a signaling message by msgID; data is null when it is not one")
            .WithDescription("Parses a signaling message (its `msgID`) into the invitation it carries, as V2TIMSignalingManager.getSignalingInfo does.")
            .Produces<TencentEnvelope<V2TimSignalingInfo>>()
            .WithExample(new GetSignalingInfoRequest("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7-1"), new TencentEnvelope<V2TimSignalingInfo>(0, "ok", Example));

        group.MapPost("/addInvitedSignaling", async (AddInvitedSignalingRequest body, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            {
                // The app learned of the invitation from a push and adds it so it can answer (audit T-9): success when the
                // gateway issued it to you. The SDK's 8012 means "already in this client's local list", which a server
                // cannot see, so it is never answered; adding twice is harmless.
                var found = await invitations.GetAsync(user.ToActor(), body.Info!.InviteID!, ct);
                return found.IsSuccess ? TencentEnvelope.Ok<object?>(null) : TencentEnvelope.Fail(TencentErrorMap.For(found.Error), found.Error.Message);
            })
            .WithTencentErrors()
            .WithName("TencentAddInvitedSignaling")
            .WithSummary("addInvitedSignaling: register an invitation learned from an offline push")
            .WithDescription("Code 0 when the gateway issued that invitation to you, so the app can answer it; 8010 for an inviteID it never issued " +
                             "to you; 6017 when info lacks inviteID, inviter or inviteeList.")
            .Produces<TencentEnvelope<object>>()
            .WithExample(new AddInvitedSignalingRequest(Example), new TencentEnvelope<object>(0, "ok", null));

        group.MapPost("/messages", async (MessagesRequest? body, ClaimsPrincipal user, IEventLog log, CancellationToken ct) =>
            {
                var after = body?.After ?? 0;
                var count = body?.Count ?? 20;
                var messages = new List<TencentMessage>();
                var next = after;
                while (messages.Count < count)
                {
                    var batch = await log.ReadAsync(user.ToActor().UserId, next, 100, ct);
                    foreach (var e in batch)
                    {
                        // Each action gives each party one event, so each event here is one message.
                        if (TencentSignals.Message(e) is { } message)
                        {
                            messages.Add(message);
                        }

                        next = e.Sequence;
                        if (messages.Count == count)
                        {
                            break;
                        }
                    }

                    if (batch.Count < 100)
                    {
                        break;
                    }
                }

                return TencentEnvelope.Ok(new TencentMessagePage(messages, next));
            })
            .WithTencentErrors()
            .WithName("TencentMessages")
            .WithSummary("Your signaling messages (custom messages, businessID 1), oldest first; page with nextAfter")
            .WithDescription("Only invitations with onlineUserOnly=false leave messages. Each action is one message whose customElem.data is the SDK's JSON.")
            .Produces<TencentEnvelope<TencentMessagePage>>()
            .WithExample(new MessagesRequest(0, 20), new TencentEnvelope<TencentMessagePage>(0, "ok", new TencentMessagePage([ExampleMessage], 3)));

        group.MapGet("/listener", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams, IOptions<TencentOptions> options,
                TimeProvider clock, TencentEventRenderer renderer) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                // Like the SDK's sync at login, a listener without a cursor first gets what happened in the last few minutes.
                var actor = user.ToActor();
                after ??= await streams.CursorSinceAsync(actor.UserId, clock.GetUtcNow() - options.Value.ListenerCatchUp, context.RequestAborted);
                await streams.StreamAsync(context, actor, after, renderer);
            })
            .WithTencentErrors()
            .WithName("TencentListener")
            .WithSummary("V2TIMSignalingListener callbacks as Server-Sent Events or a WebSocket")
            .WithDescription(
                "`event:` is the callback (onReceiveNewInvitation, onInviteeAccepted, onInviteeRejected, onInvitationCancelled, " +
                "onInvitationTimeout, onInvitationModified) and `data:` its parameters by their SDK names; `id:` is the sequence to resume " +
                "with (Last-Event-ID or ?after=). WebSocket frames are {event, id, data}.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithStreamParameters()
            .WithEventSchemas(typeof(OnReceiveNewInvitation), typeof(OnInviteeAnswered), typeof(OnInvitationCancelled), typeof(OnInvitationTimeout),
                typeof(OnInvitationModified));
        return group;
    }

    /// <summary>Refusals before the method runs: 400 with 6017/8001, 401 with a UserSig code, both in the envelope.</summary>
    private static RouteHandlerBuilder WithTencentErrors(this RouteHandlerBuilder builder) =>
        builder.Produces<TencentEnvelope<object>>(StatusCodes.Status400BadRequest).Produces<TencentEnvelope<object>>(StatusCodes.Status401Unauthorized);

    private delegate Task<Result<Invitation>> Answer(InvitationService service, Actor actor, InvitationRequest body, CancellationToken cancellationToken);

    private static void MapAnswer(RouteGroupBuilder group, string method, string summary, bool inviterOnly, Answer answer) =>
        group.MapPost($"/{method}", async (InvitationRequest body, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            {
                var result = await answer(invitations, user.ToActor(), body, ct);
                return result.IsSuccess ? TencentEnvelope.Ok<object?>(null) : TencentEnvelope.Fail(TencentErrorMap.For(result.Error, inviterOnly), result.Error.Message);
            })
            .WithTencentErrors()
            .WithName($"Tencent{char.ToUpperInvariant(method[0])}{method[1..]}")
            .WithSummary(summary)
            .WithDescription(Errors)
            .Produces<TencentEnvelope<object>>()
            .WithExample(new InvitationRequest("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", "{\"reason\":\"\"}"), new TencentEnvelope<object>(0, "ok", null));

    /// <summary>
    /// Tencent rings busy invitees too (their call kit answers a busy line itself, audit T-1). An invite that is the call
    /// kit's hang-up ends, in the core, the call it hangs up; everyone in that call is told it ended in their surface's
    /// terms (a Tencent app as this same invite), so it rings nobody. Without a connected call it is an invite as usual.
    /// </summary>
    private static async Task<IResult> InviteAsync(InvitationService invitations, Actor actor, CoreInviteRequest request, CancellationToken ct)
    {
        if (TencentCallKit.IsHangUp(request.Data)
            && await invitations.HangUpCallWithAsync(actor, request.Invitees, request.Data, ct) is { IsSuccess: true } ended)
        {
            return TencentEnvelope.Ok($"{ended.Value.Id}-hangup");
        }

        return Created(await invitations.InviteAsync(actor, request, ct));
    }

    private static IResult Created(Result<InviteResult> result) =>
        result.IsSuccess ? TencentEnvelope.Ok(result.Value.Invitation.Id) : TencentEnvelope.Fail(TencentErrorMap.For(result.Error), result.Error.Message);

    private static V2TimSignalingInfo Example { get; } =
        new("5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", "alice", ["bob"], "", "{\"call_type\":2}", 30, 1);

    private static TencentMessage ExampleMessage { get; } = new(
        "5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7-1", "3", 1767268800, "alice", "bob", null, 2,
        new TencentCustomElem(
            "{\"businessID\":1,\"inviteID\":\"5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7\",\"groupID\":\"\",\"inviter\":\"alice\",\"inviteeList\":[\"bob\"],\"data\":\"{\\\"call_type\\\":2}\",\"timeout\":30,\"actionType\":1,\"onlineUserOnly\":false}",
            "", ""));
}
