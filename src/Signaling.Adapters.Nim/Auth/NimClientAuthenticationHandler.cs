using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Core;
using Signaling.Core.Users;
using Signaling.Http.Identity;

namespace Signaling.Adapters.Nim.Auth;

/// <summary>
/// The client login: <c>X-NIM-AppKey</c>, <c>X-NIM-Accid</c>, <c>X-NIM-Token</c> and an optional <c>X-NIM-DeviceId</c>
/// (or <c>?appKey=&amp;accid=&amp;token=&amp;deviceId=</c> for an event stream a browser opens). The token is a dynamic
/// token or a static one registered with user/create.action. A bad login answers HTTP 401 with NIM's code 302.
/// </summary>
public sealed class NimClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<NimOptions> nim, UserService users, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Nim";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var appKey = Value("X-NIM-AppKey", "appKey");
        var accid = Value("X-NIM-Accid", "accid");
        var token = Value("X-NIM-Token", "token");
        if (appKey != nim.Value.AppKey || string.IsNullOrEmpty(accid) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.Fail("appKey, accid and token are required, with this application's appKey.");
        }

        if (!Limits.IsValidId(accid) || token.Length > NimTokens.MaxTokenLength)
        {
            return AuthenticateResult.Fail($"accid must be 1–{Limits.MaxIdLength} visible ASCII characters and token at most {NimTokens.MaxTokenLength}.");
        }

        var valid = NimTokens.VerifyDynamic(token, appKey, accid, nim.Value.AppSecret, clock.GetUtcNow())
                    || NimTokens.VerifyStatic(token, await users.GetCredentialAsync(accid, NimTokens.Scheme, Context.RequestAborted));
        if (!valid)
        {
            return AuthenticateResult.Fail("The token does not match this accid.");
        }

        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, accid), new(CallerIdentity.SurfaceClaim, "nim") };
        if (Value("X-NIM-DeviceId", "deviceId") is { Length: > 0 } device)
        {
            claims.Add(new Claim(TokenIssuer.DeviceClaim, device));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await NimEnvelope.Fail(NimErrorMap.BadCredentials, result.Failure?.Message ?? "Login required.", StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    private string? Value(string header, string query) => Request.Headers[header].FirstOrDefault() ?? Request.Query[query].FirstOrDefault();
}
