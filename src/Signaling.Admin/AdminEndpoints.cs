using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Invitations;
using Signaling.Core.Operations;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;
using Signaling.Core.Users;
using Signaling.Http.Canonical;
using Signaling.Http.OpenApi;
using Signaling.Http.Streams;
using static Signaling.Http.Problems.Problems;

namespace Signaling.Admin;

/// <summary>The operations. Every one is logged with the key id that made it (<see cref="AdminOptions.KeyId"/>).</summary>
internal static class AdminEndpoints
{
    private const int DefaultLimit = 50;

    public static void MapAdminOperations(this RouteGroupBuilder admin, string keyId)
    {
        var invitations = admin.MapGroup("/invitations").WithTags("Invitations");
        invitations.MapGet("/", async Task<Results<Ok<AdminPage<InvitationView>>, ProblemHttpResult>> (
                string? status, int? limit, string? cursor, OperatorService operations, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                if (!TryReadStatus(status, out var wanted))
                {
                    return From(SignalingError.Invalid("status", "status is ringing or connected (or absent for both)."));
                }

                if (CheckLimit(limit) is { } invalid)
                {
                    return invalid;
                }

                var page = await operations.ListInvitationsAsync(wanted, cursor, limit ?? DefaultLimit, ct);
                log.LogInformation("Admin {KeyId} listed invitations ({Status})", keyId, status ?? "all");
                return TypedResults.Ok(new AdminPage<InvitationView>(page.Items.Select(i => i.ToView()).ToList(), page.Next));
            })
            .WithName("AdminListInvitations")
            .WithSummary("List the invitations still ringing or connected, a page at a time")
            .WithDescription("`status` narrows the list to `ringing` or `connected`; pass the answer's `next` as `cursor` for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(null, new AdminPage<InvitationView>([Examples.Invitation], null));

        invitations.MapGet("/{id}", async Task<Results<Ok<InvitationView>, ProblemHttpResult>> (
                string id, OperatorService operations, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                log.LogInformation("Admin {KeyId} read invitation {InvitationId}", keyId, id);
                return await operations.GetInvitationAsync(id, ct) is { } invitation
                    ? TypedResults.Ok(invitation.ToView())
                    : From(SignalingError.InvitationNotFound(id));
            })
            .WithName("AdminGetInvitation")
            .WithSummary("Read any invitation, whatever its state")
            .WithDescription("Unlike `/v1`, an operator reads any invitation, ended ones included.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Invitation);

        invitations.MapPost("/{id}/end", async Task<Results<Ok<InvitationView>, ProblemHttpResult>> (
                string id, InvitationService service, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                var ended = await service.EndByOperatorAsync(id, ct);
                log.LogInformation("Admin {KeyId} ended invitation {InvitationId}: {Outcome}", keyId, id, ended.IsSuccess ? "ended" : ended.Error.Code);
                return ended.IsSuccess ? TypedResults.Ok(ended.Value.ToView()) : From(ended.Error);
            })
            .WithName("AdminEndInvitation")
            .WithSummary("End an invitation for everyone")
            .WithDescription(
                "A connected call ends for everyone in it (each surface's hang-up event); one still ringing is cancelled for everyone rung " +
                "(each surface's cancel event). `CallEnded` (409) when it has already ended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(null, Examples.Invitation with { Status = InvitationStatus.Ended, Invitees = [new InviteeView("bob", InviteeState.Cancelled)] });

        var users = admin.MapGroup("/users").WithTags("Users");
        users.MapGet("/", async Task<Results<Ok<AdminPage<OnlineUserView>>, ProblemHttpResult>> (
                string? surface, int? limit, string? cursor, OperatorService operations, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                if (CheckLimit(limit) is { } invalid)
                {
                    return invalid;
                }

                var page = await operations.ListOnlineAsync(surface, cursor, limit ?? DefaultLimit, ct);
                log.LogInformation("Admin {KeyId} listed online users ({Surface})", keyId, surface ?? "every surface");
                return TypedResults.Ok(new AdminPage<OnlineUserView>(page.Items.Select(ToView).ToList(), page.Next));
            })
            .WithName("AdminListOnlineUsers")
            .WithSummary("List online users with their login sessions and open streams, a page at a time")
            .WithDescription("`surface` (`v1`, `tencent`, `openim`, `nim`, `agora`) keeps only the streams opened on that surface, and their users.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(null, new AdminPage<OnlineUserView>([AdminExamples.OnlineUser], null));

        users.MapDelete("/{userId}/sessions/{sessionId}", async Task<Results<NoContent, ProblemHttpResult>> (
                string userId, string sessionId, SessionService sessions, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                var kicked = await sessions.KickAsync(userId, sessionId, ct);
                log.LogInformation("Admin {KeyId} kicked session {SessionId} of {UserId}: {Outcome}", keyId, sessionId, userId,
                    kicked ? "kicked" : "not found");
                return kicked ? TypedResults.NoContent() : NotFound($"{userId} has no session {sessionId}.");
            })
            .WithName("AdminKickSession")
            .WithSummary("Kick a login session")
            .WithDescription("The session ends and its device gets its surface's kick event where the vendor has one (Agora: `onLogout` with ecode 103).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapDelete("/streams/{streamId}", async Task<Results<NoContent, ProblemHttpResult>> (
                string streamId, OperatorService operations, EventStreamHandler streams, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                var removed = await operations.DisconnectStreamAsync(streamId, ct);
                streams.Remove(streamId);
                log.LogInformation("Admin {KeyId} removed stream {StreamId}: {Outcome}", keyId, streamId, removed ? "removed" : "not found");
                return removed ? TypedResults.NoContent() : NotFound($"No open stream {streamId}.");
            })
            .WithTags("Users")
            .WithName("AdminRemoveStream")
            .WithSummary("Close an open event stream")
            .WithDescription(
                "The stream is told (SSE `removed` event; WebSocket close 1008) and closed: at once on the node holding it, " +
                "within one heartbeat (`Streams:HeartbeatInterval`) on another.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapWebhooks(admin, keyId);

        var channels = admin.MapGroup("/channels").WithTags("Channels");
        channels.MapGet("/", async Task<Results<Ok<AdminPage<ChannelView>>, ProblemHttpResult>> (
                int? limit, string? cursor, OperatorService operations, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                if (CheckLimit(limit) is { } invalid)
                {
                    return invalid;
                }

                var page = await operations.ListChannelsAsync(cursor, limit ?? DefaultLimit, ct);
                log.LogInformation("Admin {KeyId} listed channels", keyId);
                return TypedResults.Ok(new AdminPage<ChannelView>(page.Items.Select(c => c.ToView()).ToList(), page.Next));
            })
            .WithName("AdminListChannels")
            .WithSummary("List live channels, a page at a time")
            .WithDescription("Only live channels (not closed, not expired), in id order.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(null, new AdminPage<ChannelView>([Examples.Channel], null));

        channels.MapPost("/{id}/close", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
                string id, ChannelService service, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                var closed = await service.CloseAsync(Core.Actor.Server, id, null, ct);
                log.LogInformation("Admin {KeyId} closed channel {ChannelId}: {Outcome}", keyId, id, closed.IsSuccess ? "closed" : closed.Error.Code);
                return closed.IsSuccess ? TypedResults.Ok(closed.Value.ToView()) : From(closed.Error);
            })
            .WithName("AdminCloseChannel")
            .WithSummary("Close a channel; every member gets its surface's channel-closed event")
            .WithDescription("Closed for everyone, as if a member had closed it; the name is free again.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Channel with { Closed = true });
    }

    private static void MapWebhooks(RouteGroupBuilder admin, string keyId) =>
        admin.MapGet("/webhooks", async Task<Ok<IReadOnlyList<WebhookEndpointView>>> (
                IWebhookSubscriptions subscriptions, IWebhookOutbox outbox, WebhookHealth health, ILogger<AdminSurface> log, CancellationToken ct) =>
            {
                var views = new List<WebhookEndpointView>();
                foreach (var name in subscriptions.Endpoints)
                {
                    var backlog = await outbox.BacklogAsync(name, ct);
                    var seen = health.For(name);
                    views.Add(new WebhookEndpointView(name, backlog.Messages, backlog.OldestCreatedAt, seen.Delivered, seen.Failed, seen.Dropped,
                        seen.LastDeliveredAt, seen.LastError, seen.LastErrorAt));
                }

                log.LogInformation("Admin {KeyId} read the webhook endpoints", keyId);
                return TypedResults.Ok<IReadOnlyList<WebhookEndpointView>>(views);
            })
            .WithTags("Webhooks")
            .WithName("AdminWebhooks")
            .WithSummary("Each webhook endpoint's backlog, retries and last error")
            .WithDescription(
                "The backlog is the outbox's (shared by every node); the attempt counts and the last success and error are this node's " +
                "since it started. Empty when no endpoint is configured (Webhooks:Endpoints).")
            .WithExample(null, (IReadOnlyList<WebhookEndpointView>)[new WebhookEndpointView(
                "app-server", 3, DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 1520, 4, 0,
                DateTimeOffset.Parse("2026-01-01T12:00:05Z", System.Globalization.CultureInfo.InvariantCulture), "HTTP 503",
                DateTimeOffset.Parse("2026-01-01T12:00:04Z", System.Globalization.CultureInfo.InvariantCulture))]);

    private static bool TryReadStatus(string? text, out InvitationStatus? status)
    {
        status = text switch
        {
            "ringing" => InvitationStatus.Ringing,
            "connected" => InvitationStatus.Connected,
            _ => null,
        };
        return status is not null || string.IsNullOrEmpty(text);
    }

    private static ProblemHttpResult? CheckLimit(int? limit) =>
        limit is null or (>= 1 and <= OperatorService.MaxPageSize)
            ? null
            : From(SignalingError.Invalid("limit", $"limit is between 1 and {OperatorService.MaxPageSize}."));

    private static ProblemHttpResult NotFound(string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound, title: "Not found.",
            extensions: new Dictionary<string, object?> { ["code"] = "NotFound" });

    private static OnlineUserView ToView(OnlineUser user) => new(
        user.UserId,
        user.Sessions.Select(s => new SessionView(s.Value.Id, s.Key, s.Value.Device, s.Value.Since)).ToList(),
        user.Streams.Select(c => new StreamView(c.Id, c.Surface, c.Transport, c.DeviceId, c.Since, c.ExpiresAt)).ToList());
}
