using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Core;

namespace Signaling.Http.Identity;

public static class CallerIdentity
{
    /// <summary>The claim a vendor surface's scheme adds with its surface name; a caller without it used /v1.</summary>
    public const string SurfaceClaim = "srf";

    /// <summary>
    /// The authenticated caller as a core actor. Every surface's scheme puts the user in <c>sub</c>, the device in <c>did</c>
    /// and (vendor surfaces) the surface in <see cref="SurfaceClaim"/>.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The caller is not authenticated."),
            user.FindFirstValue(TokenIssuer.DeviceClaim))
        {
            Surface = user.FindFirstValue(SurfaceClaim) ?? "v1",
        };
}
