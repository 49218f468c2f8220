using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Identity;
using Signaling.Http.OpenApi;

namespace Signaling.Http.Canonical;

/// <summary>Development only: lets a Swagger UI user get a token without the CLI. Never mapped in other environments.</summary>
public static class DevTokenEndpoints
{
    public static RouteGroupBuilder MapDevTokens(this RouteGroupBuilder v1)
    {
        v1.MapPost("/dev/tokens", (DevTokenBody body, TokenIssuer issuer, IOptions<AuthOptions> auth, TimeProvider clock) =>
                TypedResults.Ok(new TokenResponse(
                    issuer.Issue(body.UserId!, body.DeviceId), body.UserId!, body.DeviceId, clock.GetUtcNow() + auth.Value.TokenLifetime)))
            .AllowAnonymous()
            .WithTags("Development")
            .WithName("CreateDevToken")
            .WithSummary("Development only: mint a token for any user, then press Authorize")
            .WithDescription("Mapped only in Development. The token is signed with `Auth:SigningKey` and lives `Auth:TokenLifetime`.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(new DevTokenBody("alice", "phone"), new TokenResponse("eyJhbGciOiJIUzI1NiIs…", "alice", "phone", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));
        return v1;
    }
}
