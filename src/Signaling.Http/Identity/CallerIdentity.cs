using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Core;

namespace Signaling.Http.Identity;

public static class CallerIdentity
{
    /// <summary>The authenticated caller as a core actor. Every surface's scheme puts the user in <c>sub</c> and the device in <c>did</c>.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The caller is not authenticated."),
            user.FindFirstValue(TokenIssuer.DeviceClaim));
}
