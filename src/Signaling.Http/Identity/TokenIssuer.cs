using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Signaling.Http.Identity;

/// <summary>Mints canonical API tokens: HS256, <c>sub</c> = user id, optional <c>did</c> = device id.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string DeviceClaim = "did";

    public string Issue(string userId, string? deviceId = null, TimeSpan? lifetime = null)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = userId };
        if (!string.IsNullOrEmpty(deviceId))
        {
            claims[DeviceClaim] = deviceId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? auth.TokenLifetime),
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.SigningKey));
}
