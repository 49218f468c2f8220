using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Core.Users;
using Signaling.Http.Identity;

namespace Signaling.Adapters.Agora.Auth;

/// <summary>
/// Every call after login carries the session in <c>X-Agora-Session</c> (or <c>?session=</c> for the callback stream).
/// The user is the session's account and the device is the session. A missing, replaced or logged-out session
/// answers HTTP 401 with 1003 (not logged in).
/// </summary>
public sealed class AgoraSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SessionService sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Agora";
    public const string SessionScheme = "agora";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var id = Request.Headers["X-Agora-Session"].FirstOrDefault() ?? Request.Query["session"].FirstOrDefault();
        if (string.IsNullOrEmpty(id) || await sessions.FindAsync(SessionScheme, id, Context.RequestAborted) is not { } session)
        {
            return AuthenticateResult.Fail("Not logged in: log in first, and send the session as X-Agora-Session.");
        }

        var identity = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, session.UserId), new Claim(TokenIssuer.DeviceClaim, session.Id), new Claim(CallerIdentity.SurfaceClaim, "agora")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AgoraEnvelope.Fail(AgoraErrorMap.NotLoggedIn, result.Failure?.Message ?? "Not logged in.", StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
