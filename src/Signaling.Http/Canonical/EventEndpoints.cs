using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Signaling.Core.Errors;
using Signaling.Http.Identity;
using Signaling.Http.Streams;

namespace Signaling.Http.Canonical;

public static class EventEndpoints
{
    private static readonly CanonicalEventRenderer Renderer = new();

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        v1.MapGet("/events", async (HttpContext context, ClaimsPrincipal user, EventStreamHandler streams) =>
            {
                var (ok, after) = await EventStreamHandler.TryReadCursorAsync(context);
                if (!ok)
                {
                    return;
                }

                await streams.StreamAsync(context, user.ToActor(), after, Renderer);
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
                "Browsers may pass the token as `?access_token=`.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return v1;
    }
}
