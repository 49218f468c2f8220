using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Signaling.Core;
using Signaling.Core.Invitations;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;

namespace Signaling.Http.Canonical;

public static class InvitationEndpoints
{
    public static RouteGroupBuilder MapInvitations(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/invitations").WithTags("Invitations")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/", CreateAsync)
            .WithName("CreateInvitation")
            .WithSummary("Invite one user (a 1:1 call) or several (a group call)")
            .WithDescription(
                "Rings every invitee who is not already in a connected call; those who are come back in `busy` and are not rung. " +
                "With `timeoutSeconds` > 0 the server times out invitees still pending then, on its own clock. " +
                "Retrying with the same `requestId` returns the same invitation (200) instead of creating another (201).")
            .Produces<InvitationView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithExample(
                new CreateInvitationBody { Invitees = ["bob"], MediaType = MediaType.Video, Data = "{\"callType\":\"video\"}", TimeoutSeconds = 30 },
                Examples.Invitation, StatusCodes.Status201Created);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetInvitation")
            .WithSummary("Read an invitation you are the inviter or an invitee of")
            .WithDescription("Past its due time the read fires the timeout first, so it never shows `ringing` when an answer would get `Expired`. Others get 403 `PermissionDenied`; an unknown id 404 `InvitationNotFound`.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Invitation);

        MapAction(group, "accept", "Accept as a pending invitee",
            "The inviter and the other invitees get `inviteeAccepted`; your other devices get `answeredElsewhere`. " +
            "Later answers get 409 with `AlreadyAccepted`, `AlreadyRejected`, `AlreadyCancelled` or `Expired`.");
        MapAction(group, "reject", "Reject as a pending invitee",
            "The inviter and the other invitees get `inviteeRejected`; your other devices get `answeredElsewhere`.");
        MapAction(group, "cancel", "Cancel as the inviter while someone is still pending",
            "Every pending invitee gets `invitationCancelled`.");
        MapAction(group, "modify", "Replace the invitation's custom data, as the inviter",
            "Everyone still in the invitation gets `invitationModified`. Online-only invitations cannot be modified (400).");
        MapAction(group, "hangup", "Hang up a connected call, ending it for everyone",
            "Everyone in the call (and anyone still ringing) gets `callEnded`.");
        return group;
    }

    private static async Task<Results<Created<InvitationView>, Ok<InvitationView>, ProblemHttpResult>> CreateAsync(
        CreateInvitationBody body, ClaimsPrincipal user, InvitationService invitations, CancellationToken cancellationToken)
    {
        var result = await invitations.InviteAsync(user.ToActor(), body.ToCore(), cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Problems.From(result.Error);
        }

        var view = result.Value.Invitation.ToView();
        return result.Value.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/v1/invitations/{view.Id}", view);
    }

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, InvitationService invitations, CancellationToken cancellationToken)
    {
        var result = await invitations.GetAsync(user.ToActor(), id, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.ToView()) : Problems.Problems.From(result.Error);
    }

    /// <summary>The invitation as each action leaves it, for the examples.</summary>
    private static InvitationView After(string verb) => verb switch
    {
        "accept" => Examples.Invitation with { Status = InvitationStatus.Connected, Invitees = [new InviteeView("bob", InviteeState.Accepted)], ExpiresAt = null },
        "reject" => Examples.Invitation with { Status = InvitationStatus.Ended, Invitees = [new InviteeView("bob", InviteeState.Rejected)], ExpiresAt = null },
        "cancel" => Examples.Invitation with { Status = InvitationStatus.Ended, Invitees = [new InviteeView("bob", InviteeState.Cancelled)], ExpiresAt = null },
        "hangup" => Examples.Invitation with { Status = InvitationStatus.Ended, Invitees = [new InviteeView("bob", InviteeState.Accepted)], ExpiresAt = null },
        _ => Examples.Invitation with { Data = "{\"reason\":\"on my way\"}" },
    };

    private static void MapAction(RouteGroupBuilder group, string verb, string summary, string description)
    {
        var (name, action) = InvitationActions.ByVerb[verb];
        group.MapPost($"/{{id}}/{verb}", async Task<Results<Ok<InvitationView>, ProblemHttpResult>> (
                string id, ActionBody? body, ClaimsPrincipal user, InvitationService invitations, CancellationToken cancellationToken) =>
            {
                var result = await action(invitations, user.ToActor(), id, body?.Data, cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(result.Value.ToView()) : Problems.Problems.From(result.Error);
            })
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(new ActionBody("{\"reason\":\"on my way\"}"), After(verb));
    }
}
