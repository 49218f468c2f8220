using System.Text.Json.Nodes;
using Signaling.Adapters.OpenIM.Auth;

namespace Signaling.Adapters.OpenIM;

/// <summary>LiveKit access tokens (the media server OpenIM's RTC service used): HS256, iss = API key, sub = user, a video grant for the room.</summary>
public static class LiveKitTokens
{
    public static (string Token, string Url) For(LiveKitOptions? liveKit, string userId, string roomId, DateTimeOffset now)
    {
        if (liveKit is not { Url.Length: > 0, ApiKey.Length: > 0, ApiSecret.Length: > 0 })
        {
            return ("", "");
        }

        var token = Hs256Jwt.Create(new JsonObject
        {
            ["iss"] = liveKit.ApiKey,
            ["sub"] = userId,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + liveKit.TokenLifetime).ToUnixTimeSeconds(),
            ["video"] = new JsonObject { ["room"] = roomId, ["roomJoin"] = true },
        }, liveKit.ApiSecret);
        return (token, liveKit.Url);
    }
}
