using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Signaling.Core;

namespace Signaling.Adapters.Tencent.Auth;

/// <summary>
/// Tencent's UserSig, TLSSigAPIv2 (reference A.10): an HMAC-SHA256 over fixed lines, packed with the claims in
/// JSON, zlib-compressed, and base64 with <c>+/=</c> swapped for <c>*-_</c>.
/// </summary>
public static class TencentUserSig
{
    /// <summary>
    /// Real UserSigs are a few hundred characters and their claims a few hundred bytes; anything much larger is refused
    /// before it is decoded, and inflating stops at the claims limit, so an unauthenticated caller cannot make the
    /// gateway inflate a zip bomb.
    /// </summary>
    public const int MaxUserSigLength = 2048;

    private const int MaxClaimsBytes = 2048;

    public static string Create(long sdkAppId, string secretKey, string identifier, long time, long expireSeconds)
    {
        var json = new JsonObject
        {
            ["TLS.ver"] = "2.0",
            ["TLS.identifier"] = identifier,
            ["TLS.sdkappid"] = sdkAppId,
            ["TLS.expire"] = expireSeconds,
            ["TLS.time"] = time,
            ["TLS.sig"] = Signature(secretKey, identifier, sdkAppId, time, expireSeconds),
        }.ToJsonString();

        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal))
        {
            zlib.Write(Encoding.UTF8.GetBytes(json));
        }

        return Convert.ToBase64String(packed.ToArray()).Replace('+', '*').Replace('/', '-').Replace('=', '_');
    }

    /// <summary>Checks a UserSig in the order of the public Go implementation; returns the vendor error code, 0 when valid.</summary>
    public static (int Code, string Desc) Verify(string? userSig, long sdkAppId, string secretKey, string? identifier, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(userSig))
        {
            return (70002, "UserSig is empty.");
        }

        if (userSig.Length > MaxUserSigLength)
        {
            return (70003, $"UserSig check failed: it is longer than {MaxUserSigLength} characters.");
        }

        if (!Limits.IsValidId(identifier))
        {
            return (70013, $"The identifier must be 1–{Limits.MaxIdLength} visible ASCII characters.");
        }

        JsonElement claims;
        try
        {
            var packed = Convert.FromBase64String(userSig.Replace('*', '+').Replace('-', '/').Replace('_', '='));
            if (Inflate(packed) is not { } json)
            {
                return (70003, $"UserSig check failed: its claims are larger than {MaxClaimsBytes} bytes.");
            }

            claims = JsonDocument.Parse(json).RootElement.Clone();
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return (70003, "UserSig check failed: its claims are not a JSON object.");
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or JsonException)
        {
            return (70003, "UserSig check failed: it cannot be decoded.");
        }

        if (!TryLong(claims, "TLS.sdkappid", out var appId) || appId != sdkAppId)
        {
            return (70014, "The SDKAppID in the UserSig does not match.");
        }

        if (!claims.TryGetProperty("TLS.identifier", out var signedIdentifier)
            || signedIdentifier.ValueKind != JsonValueKind.String || signedIdentifier.GetString() != identifier)
        {
            return (70013, "The identifier in the UserSig does not match the caller.");
        }

        if (!TryLong(claims, "TLS.time", out var time) || !TryLong(claims, "TLS.expire", out var expire))
        {
            return (70003, "UserSig check failed: time or expire is missing.");
        }

        if (now.ToUnixTimeSeconds() > time + expire)
        {
            return (70001, "UserSig expired.");
        }

        var expected = Signature(secretKey, identifier!, sdkAppId, time, expire);
        var actual = claims.TryGetProperty("TLS.sig", out var sig) && sig.ValueKind == JsonValueKind.String ? sig.GetString() : null;
        return actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected))
            ? (0, "")
            : (70003, "UserSig check failed: the signature does not match.");
    }

    /// <summary>TLS.sig: base64 (standard, padded) of HMAC-SHA256 over the signed lines, keyed with the secret's UTF-8 bytes.</summary>
    public static string Signature(string secretKey, string identifier, long sdkAppId, long time, long expireSeconds)
    {
        var content = string.Create(CultureInfo.InvariantCulture, $"TLS.identifier:{identifier}\nTLS.sdkappid:{sdkAppId}\nTLS.time:{time}\nTLS.expire:{expireSeconds}\n");
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>The inflated bytes, or null when they would exceed <see cref="MaxClaimsBytes"/>.</summary>
    private static byte[]? Inflate(byte[] packed)
    {
        using var zlib = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
        var buffer = new byte[MaxClaimsBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = zlib.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return length > MaxClaimsBytes ? null : buffer[..length];
    }

    private static bool TryLong(JsonElement claims, string name, out long value)
    {
        value = 0;
        return claims.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
