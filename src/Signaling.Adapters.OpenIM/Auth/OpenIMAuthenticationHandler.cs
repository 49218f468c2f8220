using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Core;
using Signaling.Http.Identity;

namespace Signaling.Adapters.OpenIM.Auth;

/// <summary>
/// Authenticates with an OpenIM token in the <c>token</c> header (or <c>?token=</c> for the event stream). The user is the
/// token's UserID/UID and the device its platform. Failures answer 401 in OpenIM's envelope with its token code.
/// </summary>
public sealed class OpenIMAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<OpenIMOptions> openIM, OpenIMErrorMap errors, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OpenIM";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers["token"].FirstOrDefault() ?? Request.Query["token"].FirstOrDefault();
        var (userId, platform, failure) = OpenIMTokens.Validate(token, openIM.Value.Secret, clock.GetUtcNow());
        if (failure != JwtFailure.None)
        {
            return Task.FromResult(AuthenticateResult.Fail(new OpenIMAuthException(failure)));
        }

        var identity = new ClaimsIdentity(
            [new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim(TokenIssuer.DeviceClaim, platform.ToString(CultureInfo.InvariantCulture)),
             new Claim(CallerIdentity.SurfaceClaim, "openim")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var failure = result.Failure is OpenIMAuthException refused ? refused.Failure : JwtFailure.Missing;
        // HTTP stays 401 even where the v2 server answered HTTP 500: the gateway never answers bad credentials with a 5xx.
        var code = errors.ForToken(failure, Request.Path.StartsWithSegments("/openim/third", StringComparison.OrdinalIgnoreCase));
        await OpenIMEnvelope.Fail(code, Describe(failure), StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    private static string Describe(JwtFailure failure) => failure switch
    {
        JwtFailure.Expired => "token is timed out, please log in again",
        JwtFailure.Invalid => "token signature is invalid",
        JwtFailure.Malformed => "token is malformed",
        JwtFailure.NotYetValid => "token is not valid yet",
        JwtFailure.NoExpiry => "token has no exp claim; tokens that never expire are refused",
        JwtFailure.BadUserId => $"token's UserID must be 1–{Limits.MaxIdLength} visible ASCII characters",
        _ => "a token header is required",
    };
}

public sealed class OpenIMAuthException(JwtFailure failure) : Exception(failure.ToString())
{
    public JwtFailure Failure { get; } = failure;
}
