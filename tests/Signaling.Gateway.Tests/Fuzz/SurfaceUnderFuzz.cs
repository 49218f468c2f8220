using System.Net.Http.Headers;
using System.Text.Json;
using Signaling.Adapters.Nim.Auth;
using Signaling.Adapters.OpenIM.Auth;
using Signaling.Adapters.Tencent.Auth;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Fuzz;

/// <summary>
/// What the fuzzer knows of each surface: how its users authenticate, and what a refusal looks like there — the
/// vendor's envelope with a failure code under a vendor prefix, a ProblemDetails with a <c>code</c> anywhere else.
/// </summary>
public static class SurfaceUnderFuzz
{
    public static readonly string[] Names = ["v1", "tencent", "openim", "nim", "agora"];

    public static string[] Users(string surface) => [$"fz{surface}a", $"fz{surface}b", $"fz{surface}c"];

    /// <summary>Adds <paramref name="user"/>'s credentials (Agora: the session it logged in with).</summary>
    public static void Authenticate(HttpRequestMessage request, string surface, string user, IReadOnlyDictionary<string, string> agoraSessions)
    {
        var uri = request.RequestUri!.OriginalString;
        var path = request.RequestUri.AbsolutePath;
        switch (surface)
        {
            case "v1":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayProcess.Token(user, "fuzz"));
                break;
            case "tencent":
                var sig = TencentUserSig.Create(GatewayProcess.TencentAppId, GatewayProcess.TencentKey, user, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3600);
                request.RequestUri = new Uri(uri + (uri.Contains('?') ? "&" : "?") +
                                             $"sdkappid={GatewayProcess.TencentAppId}&identifier={user}&usersig={Uri.EscapeDataString(sig)}");
                break;
            case "openim":
                request.Headers.Add("token", OpenIMTokens.IssueV3(user, 5, GatewayProcess.OpenIMSecret, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
                break;
            case "nim" when path.StartsWith("/nim/nimserver", StringComparison.OrdinalIgnoreCase):
                var (nonce, time) = (Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("AppKey", GatewayProcess.NimAppKey);
                request.Headers.Add("Nonce", nonce);
                request.Headers.Add("CurTime", time);
                request.Headers.Add("CheckSum", NimTokens.CheckSum(GatewayProcess.NimAppSecret, nonce, time));
                break;
            case "nim":
                request.Headers.Add("X-NIM-AppKey", GatewayProcess.NimAppKey);
                request.Headers.Add("X-NIM-Accid", user);
                request.Headers.Add("X-NIM-Token", NimTokens.IssueDynamic(GatewayProcess.NimAppKey, user, GatewayProcess.NimAppSecret, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
                request.Headers.Add("X-NIM-DeviceId", "fuzz");
                break;
            case "agora" when agoraSessions.TryGetValue(user, out var session):
                request.Headers.Add("X-Agora-Session", session);
                break;
        }
    }

    /// <summary>Why <paramref name="body"/> is not a refusal in the shape of the surface <paramref name="path"/> belongs to, or null when it is.</summary>
    public static string? RefusalShapeProblem(string path, int status, string? mediaType, string body)
    {
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return "the body is not a JSON object";
        }

        var normalized = Normalize(path);
        return Prefix(normalized, "/tencent") ? Envelope(json, "code", 0, "desc")
            : Prefix(normalized, "/openim") ? Envelope(json, "errCode", 0, "errMsg")
            : Prefix(normalized, "/nim/nimserver") ? Envelope(json, "code", 200, "desc")
            : Prefix(normalized, "/nim") ? Envelope(json, "code", 200, "message")
            : Prefix(normalized, "/agora") ? Envelope(json, "ecode", 0, "reason")
            : mediaType != "application/problem+json" ? $"content type {mediaType}, not application/problem+json"
            : !json.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String ? "a problem without a string code"
            : !json.TryGetProperty("status", out var s) || s.GetInt32() != status ? "a problem whose status differs from the response's"
            : null;
    }

    private static string? Envelope(JsonElement json, string codeName, int success, string messageName) =>
        !json.TryGetProperty(codeName, out var code) || code.ValueKind != JsonValueKind.Number ? $"no numeric '{codeName}'"
        : code.GetInt32() == success ? $"'{codeName}' says success on a refusal"
        : !json.TryGetProperty(messageName, out var message) || message.ValueKind != JsonValueKind.String ? $"no '{messageName}' text"
        : null;

    private static bool Prefix(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path as the server routes it: query dropped, %2e decoded and dot segments removed (as Kestrel does).</summary>
    public static string Normalize(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0].Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
        var segments = new List<string>();
        foreach (var segment in path.Split('/').Skip(1))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return "/" + string.Join('/', segments);
    }
}
