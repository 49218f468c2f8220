using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Signaling.Adapters.Nim.Auth;

/// <summary>
/// NetEase's basic NERTC token, which its call kit joins the media room with (audit N-1): base64 of the JSON
/// <c>{signature, curTime, ttl}</c>, signature = sha1 hex of appKey + uid + curTime (ms) + ttl (s) + channelName + appSecret
/// (NetEase's own token builder, netease-im/G2-API-Examples <c>server/token_server</c>).
/// </summary>
public static class NertcTokens
{
    public static string Create(string appKey, string appSecret, string channelName, long uid, long ttlSeconds, DateTimeOffset now)
    {
        var curTime = now.ToUnixTimeMilliseconds();
        var signed = string.Create(CultureInfo.InvariantCulture, $"{appKey}{uid}{curTime}{ttlSeconds}{channelName}{appSecret}");
        var signature = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(signed)));
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("signature", signature);
            writer.WriteNumber("curTime", curTime);
            writer.WriteNumber("ttl", ttlSeconds);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(json.ToArray());
    }
}
