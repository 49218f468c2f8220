using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using Signaling.Http.OpenApi;
using Signaling.Http.Identity;
using Signaling.Http.Streams;

namespace Signaling.Http.Canonical;

public static class EventEndpoints
{
    private static readonly CanonicalEventRenderer Renderer = new();

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        v1.MapGet("/events", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams, CanonicalStreamCommands commands) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                await streams.StreamAsync(context, user.ToActor(), after, Renderer, commands: commands);
            })
            .WithTags("Events")
            .WithName("StreamEvents")
            .WithSummary("Your live events, as Server-Sent Events (Accept: text/event-stream) or a WebSocket")
            .WithDescription(
                "SSE: `id:` is your event sequence, `event:` the kind (invitationReceived, invitationSent, inviteeAccepted, inviteeRejected, " +
                "invitationCancelled, invitationTimedOut, invitationModified, callEnded, answeredElsewhere, memberJoined, memberLeft, " +
                "channelClosed, channelAttributesChanged, channelMessage, peerMessage), `data:` the event JSON. A WebSocket text frame " +
                "holds the same JSON. Your other devices see what one device does; the device that did it is not told again. " +
                "Resume with `Last-Event-ID` or `?after=N` to get exactly what you missed; `?after=0` replays everything still kept. " +
                "Without either, the stream starts with the next event. A heartbeat comes every 15 s. " +
                "Browsers may pass the token as `?access_token=`. " +
                "A WebSocket also takes the invitation commands, saving an HTTP request each: send a text frame that mirrors the request, " +
                "`{\"id\": 7, \"method\": \"POST\", \"path\": \"/v1/invitations/inv_1/accept\", \"body\": {\"data\": \"…\"}}`, and a frame " +
                "`{\"reply\": 7, \"status\": 200, \"body\": …}` comes back among the events, with the status and JSON the HTTP request would get " +
                "(the invitation, or a problem with its `code`). One command is answered at a time per socket; the socket's token is the caller. " +
                "Other paths answer 404: send them over HTTP.")
            .WithStreamParameters(queryToken: "access_token")
            .Produces<SignalingEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        v1.MapGet("/events/cursor", async Task<Ok<EventCursor>> (ClaimsPrincipal user, IEventLog log, CancellationToken ct) =>
                TypedResults.Ok(new EventCursor(await log.GetLastSequenceAsync(user.ToActor().UserId, ct))))
            .WithTags("Events")
            .WithName("GetEventCursor")
            .WithSummary("Where your event log is now: open the stream with this `after` to miss nothing from here on")
            .WithDescription(
                "A client that keeps its own resume point reads it once before its first connection, so that even a connection that " +
                "drops before its first event resumes without a gap.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithExample(null, new EventCursor(42));
        return v1;
    }
}
