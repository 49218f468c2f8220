using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Signaling.Adapters.Nim.Replies;
using Signaling.Adapters.Nim.Requests;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Users;
using Signaling.Http;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;
using Signaling.Http.Streams;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Nim;

/// <summary>The web SDK's signaling methods at <c>POST /nim/{method}</c> and its notifications at <c>GET /nim/events</c>.</summary>
public static class NimEndpoints
{
    private const string Errors = "Answers {code: 200, data} or {code, message}: 10404 no such channel (or closed), 10405 name taken, " +
                                  "10406 not in the channel, 10407 already in it, 10408 invitation missing or past its validity, 10409 already " +
                                  "rejected, 10410 already accepted, 10417 uid taken, 10419 channel full, 10420 in the channel from another device; " +
                                  "10201 (invitee offline) is a success with a note. HTTP 400 with 414 for bad parameters, 401 with 302 for a bad login.";

    private static readonly NimProblemWriter Problems = new();

    private static readonly ChannelParams ExampleChannel = new() { Type = 2, ChannelName = "call-7f3a", Ext = "" };

    private static readonly NimChannel ExampleInfo = new("5f0c8a2e9b1d4c7f", "call-7f3a", 2, "", "acc1", "acc1", false, false,
        1767268800000, 1767276000000, 1767268800000, 1767276000000, [new NimMember("acc1", "acc1", 1, 1767268800000, 1767276000000, "web")]);

    private static readonly InviteParams ExampleInvite = new()
    {
        ChannelId = "5f0c8a2e9b1d4c7f", Account = "acc2", RequestId = "req-1", OfflineEnabled = true, AttachExt = "{\"callType\":2}",
    };

    public static RouteGroupBuilder MapNim(this IEndpointRouteBuilder endpoints, string groupName)
    {
        var group = endpoints.MapSurfaceGroup("/nim", Problems)
            .WithGroupName(groupName)
            .WithTags("NIM signaling")
            .RequireAuthorization(NimAdapter.Policy)
            .AddEndpointFilterFactory(ValidationFilter.Create);

        MapChannelMethods(group);
        MapCallMethods(group);
        MapSyncMethods(group);
        MapEvents(group);
        return group;
    }

    private static void MapChannelMethods(RouteGroupBuilder group)
    {
        group.MapMethod("Nim", "signalingCreate", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, NimCalls calls, CancellationToken ct) =>
                Missing(("type", p.Type)) ?? Reply(await CreateAsync(channels, user.ToActor(), p, ct), c => NimChannel.From(c.ToView(), calls.Now)))
            .Nim("Create a channel (type 1 audio, 2 video, 3 custom); it lives 2 hours", ExampleChannel, ExampleInfo with { Members = [] });

        group.MapMethod("Nim", "signalingDelay", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, NimCalls calls, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId)) ?? Reply(await channels.DelayAsync(user.ToActor(), p.ChannelId!, ct), c => NimChannel.From(c.ToView(), calls.Now)))
            .Nim("Extend a channel (and its members) to now + 2 hours", new ChannelParams { ChannelId = "5f0c8a2e9b1d4c7f" }, ExampleInfo);

        group.MapMethod("Nim", "signalingClose", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId)) ?? Reply(await channels.CloseAsync(user.ToActor(), p.ChannelId!, p.AttachExt, ct), _ => (object?)null))
            .Nim("Close a channel; its members get ROOM_CLOSE", new ChannelParams { ChannelId = "5f0c8a2e9b1d4c7f", OfflineEnabled = true }, (object?)null);

        group.MapMethod("Nim", "signalingJoin", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, NimCalls calls, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId)) ?? await JoinAsync(channels, calls, user.ToActor(), p.ChannelId!, p.Uid, p.AttachExt, p.Nertc, ct))
            .Nim("Join a channel; the others get ROOM_JOIN. A uid > 0 is kept, otherwise one is assigned",
                new ChannelParams { ChannelId = "5f0c8a2e9b1d4c7f", Uid = 0, OfflineEnabled = true }, ExampleInfo);

        group.MapMethod("Nim", "signalingLeave", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId)) ?? Reply(await channels.LeaveAsync(user.ToActor(), p.ChannelId!, p.AttachExt, ct), _ => (object?)null))
            .Nim("Leave a channel; the others get LEAVE", new ChannelParams { ChannelId = "5f0c8a2e9b1d4c7f", OfflineEnabled = true }, (object?)null);

        group.MapMethod("Nim", "signalingCreateAndJoin", async (ChannelParams p, ClaimsPrincipal user, ChannelService channels, NimCalls calls, CancellationToken ct) =>
            {
                if (Missing(("type", p.Type)) is { } missing)
                {
                    return missing;
                }

                var actor = user.ToActor();
                var (channel, _) = await CreateOrFindAsync(channels, actor, p.ChannelName, p.Type, p.Ext, ct);
                return channel.IsSuccess ? await JoinAsync(channels, calls, actor, channel.Value.Id, p.Uid, p.AttachExt, p.Nertc, ct) : Fail(channel.Error);
            })
            .Nim("Create a channel and join it; with the name of a live channel, join that one (as the SDK does on 10405)", ExampleChannel with { Uid = 0 }, ExampleInfo);

        group.MapMethod("Nim", "signalingGetChannelInfo", async (ChannelParams p, ChannelService channels, NimCalls calls, CancellationToken ct) =>
                Missing(("channelName", p.ChannelName)) ?? Reply(await channels.FindByNameAsync(p.ChannelName!, ct), c => NimChannel.From(c.ToView(), calls.Now)))
            .Nim("A live channel and its members, by name", new ChannelParams { ChannelName = "call-7f3a" }, ExampleInfo);
    }

    private static void MapCallMethods(RouteGroupBuilder group)
    {
        group.MapMethod("Nim", "signalingInvite", async (InviteParams p, ClaimsPrincipal user, NimCalls calls, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId), ("account", p.Account), ("requestId", p.RequestId))
                ?? Invited(await calls.InviteAsync(user.ToActor(), p.ChannelId!, p.Account!, p.RequestId!, p.OfflineEnabled == true, p.AttachExt, p.Push?.ToCore(), ct), (object?)null))
            .Nim("Invite a user into a channel you are in; valid 90 s. 10201: offline (stored for signalingSync when offlineEnabled)", ExampleInvite, (object?)null);

        group.MapMethod("Nim", "signalingCancel", async (InviteParams p, ClaimsPrincipal user, NimCalls calls, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId), ("account", p.Account), ("requestId", p.RequestId))
                ?? Reply(await calls.CancelAsync(user.ToActor(), p.ChannelId!, p.Account!, p.RequestId!, p.AttachExt, ct), _ => (object?)null))
            .Nim("Cancel your invitation (account = the invitee)", ExampleInvite with { OfflineEnabled = null }, (object?)null);

        group.MapMethod("Nim", "signalingReject", async (InviteParams p, ClaimsPrincipal user, NimCalls calls, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId), ("account", p.Account), ("requestId", p.RequestId))
                ?? Reply(await calls.RejectAsync(user.ToActor(), p.ChannelId!, p.Account!, p.RequestId!, p.AttachExt, ct), _ => (object?)null))
            .Nim("Reject an invitation (account = the inviter); your other devices get signalingMutilClientSyncNotify", ExampleInvite with { Account = "acc1" }, (object?)null);

        group.MapMethod("Nim", "signalingAccept", async (InviteParams p, ClaimsPrincipal user, NimCalls calls, ChannelService channels, CancellationToken ct) =>
            {
                if (Missing(("channelId", p.ChannelId), ("account", p.Account), ("requestId", p.RequestId)) is { } missing)
                {
                    return missing;
                }

                var actor = user.ToActor();
                var accepted = await calls.AcceptAsync(actor, p.ChannelId!, p.Account!, p.RequestId!, p.AttachExt, ct);
                if (!accepted.IsSuccess)
                {
                    return Fail(accepted.Error);
                }

                // Only a call made in a channel can be joined; one placed from another surface has just a media room.
                return p.AutoJoin == true && accepted.Value.Channel is not null
                    ? await JoinAsync(channels, calls, actor, p.ChannelId!, p.Uid, p.JoinAttachExt, p.Nertc, ct)
                    : NimEnvelope.Success<object?>(null);
            })
            .Nim("Accept an invitation (account = the inviter); with autoJoin, join the channel too and get it back",
                ExampleInvite with { Account = "acc1", AutoJoin = true, Uid = 0 }, ExampleInfo);

        group.MapMethod("Nim", "signalingJoinAndAccept", async (InviteParams p, ClaimsPrincipal user, NimCalls calls, ChannelService channels, CancellationToken ct) =>
            {
                if (Missing(("channelId", p.ChannelId), ("account", p.Account), ("requestId", p.RequestId)) is { } missing)
                {
                    return missing;
                }

                var actor = user.ToActor();
                var joined = await channels.JoinAsync(actor, p.ChannelId!, p.Uid, p.AttachExt, ct);
                if (!joined.IsSuccess)
                {
                    return Fail(joined.Error);
                }

                var accepted = await calls.AcceptAsync(actor, p.ChannelId!, p.Account!, p.RequestId!, p.AttachExt, ct);
                var info = await calls.JoinedInfoAsync(p.ChannelId!, actor, p.Nertc, ct);
                return !info.IsSuccess ? Fail(info.Error)
                    : accepted.IsSuccess ? NimEnvelope.Success(info.Value with { CallStatus = NimEnvelope.Ok })
                    : NimEnvelope.Fail(NimErrorMap.For(accepted.Error.Code), accepted.Error.Message, info.Value with { CallStatus = NimErrorMap.For(accepted.Error.Code) });
            })
            .Nim("Join the channel, then accept the invitation; callStatus is the accept's code", ExampleInvite with { Account = "acc1", Uid = 0 }, ExampleInfo with { CallStatus = 200 });

        group.MapMethod("Nim", "signalingCall", (InviteParams p, ClaimsPrincipal user, NimCalls calls, ChannelService channels, CancellationToken ct) =>
                CallAsync(p, user.ToActor(), calls, channels, withStatus: false, ct))
            .Nim("Create a channel, join it and invite in one step; if the invite fails (other than 10201) the channel is closed",
                ExampleInvite with { ChannelId = null, Type = 2, Uid = 0 }, ExampleInfo);

        group.MapMethod("Nim", "signalingCallEx", (InviteParams p, ClaimsPrincipal user, NimCalls calls, ChannelService channels, CancellationToken ct) =>
                CallAsync(p, user.ToActor(), calls, channels, withStatus: true, ct))
            .Nim("signalingCall with the push fields flattened (needPush, pushTitle, …); callStatus is the invite's code",
                ExampleInvite with { ChannelId = null, Type = 2, Uid = 0, NeedPush = true, PushTitle = "Incoming call" }, ExampleInfo with { CallStatus = 200 });

        group.MapMethod("Nim", "signalingControl", async (ControlParams p, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Missing(("channelId", p.ChannelId))
                ?? Reply(await channels.SendMessageAsync(user.ToActor(), p.ChannelId!, p.AttachExt ?? "", p.Account, fromOutside: true, ct), _ => (object?)null))
            .Nim("Send a CONTROL command to one member, or to everyone with an empty account; delivered online only",
                new ControlParams("5f0c8a2e9b1d4c7f", "acc2", "{\"cmd\":\"mute\"}"), (object?)null);
    }

    private static void MapSyncMethods(RouteGroupBuilder group)
    {
        group.MapMethod("Nim", "signalingSync", async (ClaimsPrincipal user, OfflineInbox inbox, CancellationToken ct) =>
            {
                var items = await inbox.SyncAsync(user.ToActor(), ct);
                var list = items.Select(i => NimEventRenderer.ToNotify(i.Event) is { } n ? n with { ChannelInValid = !i.Valid } : null).OfType<NimNotify>().ToList();
                return NimEnvelope.Success(list);
            })
            .Nim("Ask for what you missed offline: this device's stream gets signalingUnreadMessageSyncNotify (the list is also returned)",
                (object?)null, new List<NimNotify>());

        group.MapMethod("Nim", "signalingMarkMsgRead", async (MarkReadParams p, ClaimsPrincipal user, OfflineInbox inbox, CancellationToken ct) =>
            {
                if (p.Ids() is not { } ids)
                {
                    return NimEnvelope.Fail(NimErrorMap.BadParameter, "'msgid' must be a msgid or an array of them.", StatusCodes.Status400BadRequest);
                }

                return Reply(await inbox.MarkReadAsync(user.ToActor(), ids.ToList(), ct), _ => (object?)null);
            })
            .Nim("Mark offline events read, so your other devices are not offered them again", new MarkReadParams(System.Text.Json.JsonDocument.Parse("[\"12\",\"13\"]").RootElement), (object?)null);
    }

    private static void MapEvents(RouteGroupBuilder group) =>
        group.MapGet("/events", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams, NimEventRenderer renderer, ChannelService channels,
                NimCalls calls) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                var actor = user.ToActor();
                var current = await channels.FindCurrentAsync(actor.UserId, context.RequestAborted);
                List<NimChannel> mine = current is null ? [] : [NimChannel.From(current.ToView(), calls.Now)];
                await streams.StreamAsync(context, actor, after, renderer, renderer.Greeting(mine));
            })
            .WithName("NimEvents")
            .WithSummary("The SDK's signaling notifications as Server-Sent Events or a WebSocket")
            .WithDescription(
                "`event:` is signalingNotify (eventType ROOM_CLOSE, ROOM_JOIN, INVITE, CANCEL_INVITE, REJECT, ACCEPT, LEAVE, CONTROL), " +
                "signalingMutilClientSyncNotify (an accept or reject on another of your devices), signalingUnreadMessageSyncNotify (after " +
                "signalingSync), and on connect signalingChannelsSyncNotify (the channels you are in, with their members). Log in with the X-NIM-* headers or " +
                "?appKey=&accid=&token=&deviceId=. Without a cursor the stream starts live (missed calls come from signalingSync); resume with " +
                "Last-Event-ID or ?after=. WebSocket frames are {event, id, data}.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithStreamParameters()
            .WithEventSchemas(typeof(NimNotify), typeof(List<NimNotify>), typeof(List<NimChannel>))
            .Produces<NimEnvelope<object>>(StatusCodes.Status401Unauthorized);

    private static async Task<Result<Channel>> CreateAsync(ChannelService channels, Actor actor, ChannelParams p, CancellationToken ct) =>
        await channels.CreateAsync(actor, new CreateChannelRequest { Name = p.ChannelName, Type = NimChannel.TypeFrom(p.Type), Ext = p.Ext }, ct);

    /// <summary>
    /// signalingCreateAndJoin and signalingCall: a new channel, or the live one of that name — the SDK answers 10405 by
    /// looking the channel up and joining it (audit N-2). Created says whether this call made it.
    /// </summary>
    private static async Task<(Result<Channel> Channel, bool Created)> CreateOrFindAsync(
        ChannelService channels, Actor actor, string? name, int? type, string? ext, CancellationToken ct)
    {
        var created = await channels.CreateAsync(actor, new CreateChannelRequest { Name = name, Type = NimChannel.TypeFrom(type), Ext = ext }, ct);
        return created is { IsSuccess: false, Error.Code: SignalingErrorCode.ChannelExists } && name is not null
            ? (await channels.FindByNameAsync(name, ct), false)
            : (created, true);
    }

    private static async Task<IResult> JoinAsync(
        ChannelService channels, NimCalls calls, Actor actor, string channelId, long? uid, string? attachExt, NertcRequest media, CancellationToken ct)
    {
        var joined = await channels.JoinAsync(actor, channelId, uid, attachExt, ct);
        return joined.IsSuccess ? Reply(await calls.JoinedInfoAsync(channelId, actor, media, ct), c => c) : Fail(joined.Error);
    }

    private static async Task<IResult> CallAsync(InviteParams p, Actor actor, NimCalls calls, ChannelService channels, bool withStatus, CancellationToken ct)
    {
        // signalingCallEx requires only type and account (N9 verifyOptions); signalingCall a requestId too.
        var missing = withStatus
            ? Missing(("type", p.Type), ("account", p.Account))
            : Missing(("type", p.Type), ("account", p.Account), ("requestId", p.RequestId));
        if (missing is not null)
        {
            return missing;
        }

        var (channel, created) = await CreateOrFindAsync(channels, actor, p.ChannelName, p.Type, p.Ext, ct);
        if (!channel.IsSuccess)
        {
            return Fail(channel.Error);
        }

        var channelId = channel.Value.Id;
        var joined = await channels.JoinAsync(actor, channelId, p.Uid, null, ct);
        var requestId = p.RequestId ?? Guid.NewGuid().ToString("N");
        var invited = joined.IsSuccess || joined.Error.Code == SignalingErrorCode.AlreadyInChannel
            ? await calls.InviteAsync(actor, channelId, p.Account!, requestId, p.OfflineEnabled == true, p.AttachExt, p.Push?.ToCore(), ct)
            : joined.Error!;
        if (!invited.IsSuccess)
        {
            // As NIM's SDK does: a call whose invite failed leaves no channel behind (one it made, not one it joined).
            if (created)
            {
                await channels.CloseAsync(actor, channelId, null, ct);
            }

            return Fail(invited.Error);
        }

        var info = await calls.JoinedInfoAsync(channelId, actor, p.Nertc, ct);
        if (!info.IsSuccess)
        {
            return Fail(info.Error);
        }

        return Invited(invited, withStatus ? info.Value with { CallStatus = invited.Value } : info.Value);
    }

    /// <summary>An invite's answer: 200, or 10201/10202 with the same data when the invitee is offline (a success with a note).</summary>
    private static IResult Invited<T>(Result<int> invited, T data) =>
        !invited.IsSuccess ? Fail(invited.Error)
        : invited.Value == NimEnvelope.Ok ? NimEnvelope.Success(data)
        : NimEnvelope.Fail(invited.Value, NimErrorMap.OfflineMessage(invited.Value), data);

    private static IResult Reply<T, TData>(Result<T> result, Func<T, TData> data) =>
        result.IsSuccess ? NimEnvelope.Success(data(result.Value)) : Fail(result.Error);

    private static IResult Fail(SignalingError error) => NimEnvelope.Fail(NimErrorMap.For(error.Code), error.Message);

    /// <summary>The method's required parameters: the first one missing answers 414 naming it.</summary>
    private static IResult? Missing(params (string Name, object? Value)[] fields) => RequiredFields.Missing(Problems, fields);

    private static RouteHandlerBuilder Nim<TRequest, TData>(this RouteHandlerBuilder builder, string summary, TRequest? example, TData? data) =>
        builder.DescribeMethod<NimEnvelope<TData>, NimEnvelope<object>>(summary, Errors, example, new NimEnvelope<TData>(NimEnvelope.Ok, null, data));
}
