using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;

namespace Signaling.Http.Canonical;

public static class ChannelEndpoints
{
    public static RouteGroupBuilder MapChannels(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/channels").WithTags("Channels")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/", async Task<Results<Created<ChannelView>, ProblemHttpResult>> (
                CreateChannelBody body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
            {
                var result = await channels.CreateAsync(user.ToActor(), body.ToCore(), ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/v1/channels/{result.Value.Id}", result.Value.ToView())
                    : Problems.Problems.From(result.Error);
            })
            .WithName("CreateChannel")
            .WithSummary("Create a channel; its name is unique among live channels")
            .WithDescription("You become its creator (not yet a member: join to be one). The name is unique among live channels: 409 `ChannelExists` otherwise. `ttlSeconds` (default 7,200) bounds its life; `memberLimit` (default 100) its size.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(new CreateChannelBody { Name = "team-standup", Type = ChannelType.Video, TtlSeconds = 7200 }, Examples.Channel, StatusCodes.Status201Created);

        group.MapGet("/{id}", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (string id, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.GetAsync(id, ct), c => c.ToView()))
            .WithName("GetChannel")
            .WithSummary("Read a live channel with its members and attributes")
            .WithDescription("Closed or expired channels answer 404 `ChannelNotFound`.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Channel);

        group.MapPost("/{id}/join", async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> (
                string id, JoinChannelBody? body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.JoinAsync(user.ToActor(), id, body?.Uid, body?.Data, ct), m => new MemberResponse(id, m)))
            .WithName("JoinChannel")
            .WithSummary("Join a channel; without a uid the server assigns one unique in the channel")
            .WithDescription("Other members get `memberJoined`. Conflicts: `AlreadyInChannel`, `AlreadyInChannelOnOtherDevice`, `UidConflict`, `ChannelFull` (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(new JoinChannelBody(Uid: 0), new MemberResponse(Examples.Channel.Id, Examples.Channel.Members[0]));

        group.MapPost("/{id}/leave", async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> (
                string id, ActionBody? body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.LeaveAsync(user.ToActor(), id, body?.Data, ct), m => new MemberResponse(id, m)))
            .WithName("LeaveChannel")
            .WithSummary("Leave a channel; the remaining members get `memberLeft`")
            .WithDescription("Only a member leaves (403 `NotInChannel` otherwise); the channel lives on until closed or expired.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(new ActionBody("{\"reason\":\"bye\"}"), new MemberResponse(Examples.Channel.Id, Examples.Channel.Members[0]));

        group.MapPost("/{id}/close", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
                string id, ActionBody? body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.CloseAsync(user.ToActor(), id, body?.Data, ct), c => c.ToView()))
            .WithName("CloseChannel")
            .WithSummary("Close a channel (creator or member); every member gets `channelClosed`")
            .WithDescription("The channel ends at once; its name is free again. Others get 403 `NotInChannel`.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(new ActionBody("{\"reason\":\"meeting over\"}"), Examples.Channel with { Closed = true });

        group.MapPut("/{id}/attributes/{name}", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
                string id, string name, AttributeBody body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.SetAttributeAsync(user.ToActor(), id, name, body.Value!, ct), c => c.ToView()))
            .WithName("SetChannelAttribute")
            .WithSummary("Set a channel attribute; members get `channelAttributesChanged`")
            .WithDescription("Attributes are the channel's shared key-value state (name ≤ 128, value ≤ 12 KB); setting one replaces its value.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(new AttributeBody("standup"), Examples.Channel);

        group.MapDelete("/{id}/attributes/{name}", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
                string id, string name, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.DeleteAttributeAsync(user.ToActor(), id, name, ct), c => c.ToView()))
            .WithName("DeleteChannelAttribute")
            .WithSummary("Delete one channel attribute")
            .WithDescription("Members get `channelAttributesChanged` with the deleted name and no value.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Channel);

        group.MapDelete("/{id}/attributes", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
                string id, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.ClearAttributesAsync(user.ToActor(), id, ct), c => c.ToView()))
            .WithName("ClearChannelAttributes")
            .WithSummary("Delete every channel attribute")
            .WithDescription("Members get one `channelAttributesChanged` with neither name nor value.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, Examples.Channel with { Attributes = new Dictionary<string, string>() });

        group.MapPost("/{id}/messages", async Task<Results<Ok<ChannelMessageReceipt>, ProblemHttpResult>> (
                string id, MessageBody body, ClaimsPrincipal user, ChannelService channels, CancellationToken ct) =>
                Reply(await channels.SendMessageAsync(user.ToActor(), id, body.Message!, cancellationToken: ct), n => new ChannelMessageReceipt(id, n)))
            .WithName("SendChannelMessage")
            .WithSummary("Send a message to every other member; they get `channelMessage`")
            .WithDescription("Delivered to members online now (not kept for later); the answer says how many were told.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithExample(new MessageBody("hello everyone"), new ChannelMessageReceipt(Examples.Channel.Id, 3));
        return group;
    }

    private static Results<Ok<TOut>, ProblemHttpResult> Reply<TIn, TOut>(Result<TIn> result, Func<TIn, TOut> map) =>
        result.IsSuccess ? TypedResults.Ok(map(result.Value)) : Problems.Problems.From(result.Error);
}
