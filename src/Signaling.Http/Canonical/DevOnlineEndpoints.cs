using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Signaling.Core.Operations;
using Signaling.Http.OpenApi;

namespace Signaling.Http.Canonical;

/// <summary>Development only: who is online, so the demo page can offer someone to call. Never mapped in other environments.</summary>
public static class DevOnlineEndpoints
{
    public static RouteGroupBuilder MapDevOnline(this RouteGroupBuilder v1)
    {
        v1.MapGet("/dev/online", async Task<Ok<OnlineUsers>> (OperatorService operations, CancellationToken ct) =>
            {
                var page = await operations.ListOnlineAsync(null, null, OperatorService.MaxPageSize, ct);
                return TypedResults.Ok(new OnlineUsers(page.Items.Select(u => u.UserId).ToList()));
            })
            .WithTags("Development")
            .WithName("ListOnlineUsers")
            .WithSummary("Development only: the users with an open event stream (the first 200)")
            .WithDescription("Mapped only in Development, for the demo page; operators use the admin API.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithExample(null, new OnlineUsers(["alice", "bob"]));
        return v1;
    }
}

public sealed record OnlineUsers(IReadOnlyList<string> Users);
