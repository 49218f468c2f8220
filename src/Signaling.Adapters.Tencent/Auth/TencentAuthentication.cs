using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Http.Identity;

namespace Signaling.Adapters.Tencent.Auth;

/// <summary>
/// Authenticates with a UserSig passed the way Tencent's REST API passes it (<c>?sdkappid=&amp;identifier=&amp;usersig=</c>)
/// or in <c>X-Tencent-SdkAppId / X-Tencent-Identifier / X-Tencent-UserSig</c>. The device comes from
/// <c>X-Tencent-Device</c>. Failures answer 401 in Tencent's envelope with its UserSig code.
/// </summary>
public sealed class TencentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<TencentOptions> tencent, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Tencent";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identifier = Value("identifier", "X-Tencent-Identifier");
        var appIdText = Value("sdkappid", "X-Tencent-SdkAppId");
        var (code, desc) = long.TryParse(appIdText, out var appId) && appId == tencent.Value.SdkAppId
            ? TencentUserSig.Verify(Value("usersig", "X-Tencent-UserSig"), appId, tencent.Value.SecretKey, identifier, clock.GetUtcNow())
            : (70014, "sdkappid is missing or is not this application's.");
        if (code != 0)
        {
            return Task.FromResult(AuthenticateResult.Fail(new TencentAuthException(code, desc)));
        }

        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, identifier!), new(CallerIdentity.SurfaceClaim, "tencent") };
        if (Request.Headers["X-Tencent-Device"].FirstOrDefault() is { Length: > 0 } device)
        {
            claims.Add(new Claim(TokenIssuer.DeviceClaim, device));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (code, desc) = result.Failure is TencentAuthException failure ? (failure.Code, failure.Message) : (TencentErrorMap.UserSigMissing, "A UserSig is required.");
        await TencentEnvelope.Fail(code, desc, StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    private string? Value(string query, string header) =>
        Request.Query[query].FirstOrDefault() ?? Request.Headers[header].FirstOrDefault();
}

public sealed class TencentAuthException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
