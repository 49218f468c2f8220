using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Signaling.Http.Identity;

namespace Signaling.Adapters.Nim.Auth;

/// <summary>
/// The server API's CheckSum headers (reference A.7): <c>AppKey</c>, <c>Nonce</c> (≤128), <c>CurTime</c> (UTC seconds) and
/// <c>CheckSum</c> = sha1(AppSecret + Nonce + CurTime), valid for five minutes. A failure answers <c>{code: 414, desc}</c>.
/// </summary>
public sealed class NimCheckSumAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<NimOptions> nim, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NimCheckSum";
    public const string Policy = "nim-server";

    /// <summary>The app server acts for the accid it names in <c>from</c>; this is its own name.</summary>
    public const string ServerUser = "$nimserver";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Check());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        NimEnvelope.ServerFail(NimErrorMap.BadParameter, Check().Failure?.Message ?? "CheckSum required.", StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);

    private AuthenticateResult Check()
    {
        var appKey = Request.Headers["AppKey"].FirstOrDefault();
        var nonce = Request.Headers["Nonce"].FirstOrDefault();
        var curTime = Request.Headers["CurTime"].FirstOrDefault();
        var checkSum = Request.Headers["CheckSum"].FirstOrDefault();
        if (appKey != nim.Value.AppKey || string.IsNullOrEmpty(nonce) || nonce.Length > 128 || string.IsNullOrEmpty(checkSum)
            || !long.TryParse(curTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return AuthenticateResult.Fail("AppKey, Nonce (≤128 characters), CurTime and CheckSum headers are required.");
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > nim.Value.CheckSumLifetime || age < -nim.Value.CheckSumLifetime)
        {
            return AuthenticateResult.Fail("CheckSum has expired: CurTime is more than five minutes away from now.");
        }

        var expected = NimTokens.CheckSum(nim.Value.AppSecret, nonce, curTime!);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(checkSum.ToLowerInvariant())))
        {
            return AuthenticateResult.Fail("CheckSum does not match sha1(AppSecret + Nonce + CurTime).");
        }

        var identity = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, ServerUser), new Claim(CallerIdentity.SurfaceClaim, "nim")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
