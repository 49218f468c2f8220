using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Signaling.Adapters.Nim.Auth;

/// <summary>
/// NIM's login tokens (reference A.7). A dynamic token is base64 of <c>{"signature","curTime","ttl"}</c> with
/// signature = sha1(appKey + accid + curTime(ms) + ttl(s) + appSecret); a static token is whatever
/// <c>user/create.action</c> registered, kept only as a SHA-256 hash.
/// </summary>
public static class NimTokens
{
    public const string Scheme = "nim";

    public static string Signature(string appKey, string accid, long curTimeMs, long ttlSeconds, string appSecret) =>
        Sha1Hex(string.Create(CultureInfo.InvariantCulture, $"{appKey}{accid}{curTimeMs}{ttlSeconds}{appSecret}"));

    public static string IssueDynamic(string appKey, string accid, string appSecret, DateTimeOffset now, TimeSpan ttl)
    {
        var curTime = now.ToUnixTimeMilliseconds();
        var seconds = (long)ttl.TotalSeconds;
        var json = JsonSerializer.Serialize(new DynamicToken(Signature(appKey, accid, curTime, seconds, appSecret), curTime, seconds), NimJson.Default.DynamicToken);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Dynamic tokens are about 150 characters and static ones at most 128; longer ones are refused unread.</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>Whether <paramref name="token"/> is a dynamic token for <paramref name="accid"/> that is still within its ttl.</summary>

    public static bool VerifyDynamic(string token, string appKey, string accid, string appSecret, DateTimeOffset now)
    {
        DynamicToken? parsed;
        try
        {
            // Decode and read the fields rather than compare bytes: SDKs differ in key order and spacing.
            parsed = JsonSerializer.Deserialize(Convert.FromBase64String(token), NimJson.Default.DynamicToken);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }

        if (parsed is not { Signature.Length: 40 } || parsed.Ttl <= 0)
        {
            return false;
        }

        var expected = Signature(appKey, accid, parsed.CurTime, parsed.Ttl, appSecret);
        var fresh = now.ToUnixTimeMilliseconds() < parsed.CurTime + parsed.Ttl * 1000;
        return fresh && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parsed.Signature.ToLowerInvariant()));
    }

    /// <summary>What is stored for a static token.</summary>
    public static string HashStatic(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool VerifyStatic(string token, string? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashStatic(token)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The server API's CheckSum: lowercase hex sha1(AppSecret + Nonce + CurTime).</summary>
    public static string CheckSum(string appSecret, string nonce, string curTime) => Sha1Hex(appSecret + nonce + curTime);

    private static string Sha1Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed record DynamicToken(string Signature, long CurTime, long Ttl);
