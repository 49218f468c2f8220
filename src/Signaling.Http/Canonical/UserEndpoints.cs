using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Signaling.Core.Errors;
using Signaling.Core.Users;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;

namespace Signaling.Http.Canonical;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/users").WithTags("Users")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/{id}/messages", async Task<Results<Accepted<PeerMessageReceipt>, ProblemHttpResult>> (
                string id, MessageBody body, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
            {
                var result = await users.SendPeerMessageAsync(user.ToActor(), id, body.Message!, ct);
                return result.IsSuccess ? TypedResults.Accepted((string?)null, result.Value) : Problems.Problems.From(result.Error);
            })
            .WithName("SendPeerMessage")
            .WithSummary("Send a message to a user; they get `peerMessage` now or when they come back (kept 7 days)")
            .WithDescription("Kept in their log for the retention period (7 days), so they get it on their next stream if they are offline now.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithExample(new MessageBody("are you free for a call?"), new PeerMessageReceipt(42, true), StatusCodes.Status202Accepted);

        group.MapGet("/{id}/presence", async (string id, UserService users, CancellationToken ct) =>
                TypedResults.Ok(await users.GetPresenceAsync(id, ct)))
            .WithName("GetPresence")
            .WithSummary("Whether a user has a live event stream now")
            .WithDescription("Online means at least one live event stream (on any surface, any node); `connections` counts them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(null, new Presence("bob", true, 2));

        group.MapGet("/{id}/attributes", async (string id, UserService users, CancellationToken ct) =>
                TypedResults.Ok(await users.GetAttributesAsync(id, ct)))
            .WithName("GetUserAttributes")
            .WithSummary("A user's attributes")
            .WithDescription("Anyone may read a user's attributes; only the user sets them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(null, new Dictionary<string, string> { ["status"] = "available" });

        group.MapPut("/{id}/attributes/{name}", async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> (
                string id, string name, AttributeBody body, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
                await SetAsync(id, name, body.Value, user, users, ct))
            .WithName("SetUserAttribute")
            .WithSummary("Set one of your own attributes")
            .WithDescription("Only for yourself (403 `PermissionDenied` otherwise). Answers all of your attributes.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithExample(new AttributeBody("available"), new Dictionary<string, string> { ["status"] = "available" });

        group.MapDelete("/{id}/attributes/{name}", async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> (
                string id, string name, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
                await SetAsync(id, name, null, user, users, ct))
            .WithName("DeleteUserAttribute")
            .WithSummary("Delete one of your own attributes; the rest come back")
            .WithDescription("Only for yourself. Answers the attributes left.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithExample(null, new Dictionary<string, string> { ["city"] = "Lyon" });
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> SetAsync(
        string id, string name, string? value, ClaimsPrincipal user, UserService users, CancellationToken ct)
    {
        var actor = user.ToActor();
        if (actor.UserId != id)
        {
            return Problems.Problems.From(SignalingError.Denied("You may change only your own attributes."));
        }

        var result = await users.SetAttributeAsync(actor, name, value, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Problems.From(result.Error);
    }
}
