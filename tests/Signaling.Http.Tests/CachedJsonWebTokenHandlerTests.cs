using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Signaling.Http.Identity;

namespace Signaling.Http.Tests;

/// <summary>
/// Issue 16 ("cached token validation"): remembering accepted tokens must not change what is accepted — an expired token
/// is refused as expired even after it was accepted, an altered one is refused, and each caller gets its own identity.
/// </summary>
public sealed class CachedJsonWebTokenHandlerTests
{
    private readonly AuthOptions _auth = new() { SigningKey = "cached-token-tests-signing-key-0123456789abcdef" };
    private readonly CachedJsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    [Fact]
    public async Task AnAcceptedToken_IsRefusedAsExpired_OnceItHasExpired()
    {
        var token = Issuer().Issue("alice", lifetime: TimeSpan.FromSeconds(2));
        var expiry = new JsonWebToken(token).ValidTo;

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var untilExpired = expiry - DateTime.UtcNow + TimeSpan.FromMilliseconds(50);
        await Task.Delay(untilExpired > TimeSpan.Zero ? untilExpired : TimeSpan.Zero);
        var expired = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task ATokenNotWorthRemembering_IsAcceptedButNotKept()
    {
        var streams = new CachedJsonWebTokenHandler(() => false) { MapInboundClaims = false };

        var accepted = await streams.ValidateTokenAsync(Issuer().Issue("alice"), Parameters());
        await _handler.ValidateTokenAsync(Issuer().Issue("bob"), Parameters());

        Assert.True(accepted.IsValid);
        Assert.Equal("alice", accepted.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(0, streams.Remembered);
        Assert.Equal(1, _handler.Remembered);
    }

    [Fact]
    public async Task AnAlteredToken_IsRefused_ThoughTheOriginalWasAccepted()
    {
        var token = Issuer().Issue("alice");
        var altered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];

        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(altered, Parameters())).IsValid);
    }

    [Fact]
    public async Task EachAcceptance_GetsItsOwnIdentity()
    {
        var token = Issuer().Issue("alice", deviceId: "phone");

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new System.Security.Claims.Claim("added", "by one request"));
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal("alice", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("phone", second.ClaimsIdentity.FindFirst(TokenIssuer.DeviceClaim)?.Value);
        Assert.Null(second.ClaimsIdentity.FindFirst("added"));
    }

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = _auth.Issuer,
        ValidateAudience = false,
        IssuerSigningKey = TokenIssuer.SigningKey(_auth),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
    };

    private TokenIssuer Issuer() => new(Options.Create(_auth), TimeProvider.System);
}
