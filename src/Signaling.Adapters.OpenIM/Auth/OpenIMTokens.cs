using System.Text.Json;
using System.Text.Json.Nodes;
using Signaling.Core;

namespace Signaling.Adapters.OpenIM.Auth;

/// <summary>OpenIM user tokens (reference B.8): HS256 with claims v3 {UserID, PlatformID} or v2 {UID, Platform}, plus exp/nbf/iat.</summary>
public static class OpenIMTokens
{
    public static string IssueV3(string userId, int platformId, string secret, DateTimeOffset now, TimeSpan lifetime) =>
        Hs256Jwt.Create(new JsonObject { ["UserID"] = userId, ["PlatformID"] = platformId, ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(), ["iat"] = now.ToUnixTimeSeconds() }, secret);

    public static string IssueV2(string userId, int platformId, string secret, DateTimeOffset now, TimeSpan lifetime) =>
        Hs256Jwt.Create(new JsonObject { ["UID"] = userId, ["Platform"] = Platforms.NameOf(platformId), ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(), ["iat"] = now.ToUnixTimeSeconds() }, secret);

    /// <summary>The token's user and platform, or why it is refused.</summary>
    public static (string UserId, int PlatformId, JwtFailure Failure) Validate(string? token, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
        {
            return ("", 0, JwtFailure.Missing);
        }

        var (claims, failure) = Hs256Jwt.Read(token, secret);
        if (failure != JwtFailure.None)
        {
            return ("", 0, failure);
        }

        var userId = String(claims, "UserID") ?? String(claims, "UID");
        var platform = Number(claims, "PlatformID") ?? (String(claims, "Platform") is { } name ? Platforms.IdOf(name) : null);
        if (userId is null || platform is null)
        {
            return ("", 0, JwtFailure.Malformed);
        }

        if (!Limits.IsValidId(userId))
        {
            return ("", 0, JwtFailure.BadUserId);
        }

        if (Number(claims, "exp") is not { } exp)
        {
            return ("", 0, JwtFailure.NoExpiry);
        }

        if (now.ToUnixTimeSeconds() >= exp)
        {
            return ("", 0, JwtFailure.Expired);
        }

        return Number(claims, "nbf") is { } nbf && now.ToUnixTimeSeconds() < nbf ? ("", 0, JwtFailure.NotYetValid) : (userId, (int)platform, JwtFailure.None);
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
