using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Signaling.Adapters.OpenIM.Auth;

/// <summary>
/// Compact HS256 JWTs, written out here on purpose: OpenIM deployments sign with short secrets ("openIM123",
/// "tuoyun") that Microsoft.IdentityModel refuses for HS256 (its 256-bit key floor), and apps migrating with
/// existing tokens must keep working. Only HS256 is accepted; the signature is compared in constant time.
/// </summary>
public static class Hs256Jwt
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    public static string Create(JsonObject claims, string secret)
    {
        var signed = $"{Base64Url.EncodeToString(Header)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed, secret))}";
    }

    public const int MaxTokenLength = 4096;

    /// <summary>The claims of a well-formed token whose signature matches, or why not.</summary>
    public static (JsonElement Claims, JwtFailure Failure) Read(string? token, string secret)
    {
        // Real tokens are a few hundred characters; longer ones are refused before anything is decoded.
        var parts = token is { Length: <= MaxTokenLength } ? token.Split('.') : null;
        if (parts is not { Length: 3 })
        {
            return (default, JwtFailure.Malformed);
        }

        try
        {
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg)
                || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                return (default, JwtFailure.Invalid);
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign($"{parts[0]}.{parts[1]}", secret)))
            {
                return (default, JwtFailure.Invalid);
            }

            var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
            return claims.ValueKind == JsonValueKind.Object ? (claims, JwtFailure.None) : (default, JwtFailure.Malformed);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (default, JwtFailure.Malformed);
        }
    }

    private static byte[] Sign(string signed, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed));
}

public enum JwtFailure
{
    None,
    Malformed,
    Invalid,
    Expired,
    NotYetValid,
    Missing,

    /// <summary>Well signed, but without <c>exp</c>: a token that never expires is refused.</summary>
    NoExpiry,

    /// <summary>Well signed, but its user id breaks the id rules (empty, over 128 characters, not visible ASCII).</summary>
    BadUserId,
}
