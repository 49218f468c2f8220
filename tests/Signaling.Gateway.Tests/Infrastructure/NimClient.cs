using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Signaling.Adapters.Nim.Auth;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>An app on NIM's web SDK as it calls the gateway: X-NIM-* login headers, the SDK's parameter names, {code, data | message}.</summary>
public sealed class NimClient : IDisposable
{
    private readonly GatewayProcess _gateway;

    public NimClient(GatewayProcess gateway, string accid, string? deviceId)
    {
        _gateway = gateway;
        Accid = accid;
        DeviceId = deviceId;
        Token = NimTokens.IssueDynamic(GatewayProcess.NimAppKey, accid, GatewayProcess.NimAppSecret, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
    }

    public string Accid { get; }

    public string? DeviceId { get; }

    public string Token { get; set; }

    public HttpClient Http { get; }

    public async Task<(HttpStatusCode Status, int Code, JsonElement Body)> CallRawAsync(string method, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/nim/{method}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-NIM-AppKey", GatewayProcess.NimAppKey);
        request.Headers.Add("X-NIM-Accid", Accid);
        request.Headers.Add("X-NIM-Token", Token);
        if (DeviceId is not null)
        {
            request.Headers.Add("X-NIM-DeviceId", DeviceId);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(envelope.TryGetProperty("code", out var code), $"{method} answered {(int)response.StatusCode} without NIM's envelope: {text}");
        return (response.StatusCode, code.GetInt32(), envelope);
    }

    public Task<(HttpStatusCode Status, int Code, JsonElement Body)> CallAsync(string method, object body) => CallRawAsync(method, JsonSerializer.Serialize(body));

    /// <summary>Calls a method that must succeed (200, or 10201 when <paramref name="allowOffline"/>); returns its data.</summary>
    public async Task<JsonElement> OkAsync(string method, object body, bool allowOffline = false)
    {
        var (status, code, envelope) = await CallAsync(method, body);
        Assert.True(status == HttpStatusCode.OK && (code == 200 || allowOffline && code == 10201), $"{method} answered {(int)status} / {envelope}");
        return envelope.TryGetProperty("data", out var data) ? data : default;
    }

    public Task<SseStream> OpenEventsAsync(long? after = null) =>
        SseStream.OpenAsync(_gateway,
            $"/nim/events?appKey={GatewayProcess.NimAppKey}&accid={Accid}&token={Uri.EscapeDataString(Token)}&deviceId={DeviceId}", null, after);

    /// <summary>A server-API call with a CheckSum made at <paramref name="curTime"/> (default: now).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ServerAsync(
        GatewayProcess gateway, string path, Dictionary<string, string> form, DateTimeOffset? curTime = null, string? secret = null)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/nim/nimserver/{path}") { Content = new FormUrlEncodedContent(form) };
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var time = (curTime ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("AppKey", GatewayProcess.NimAppKey);
        request.Headers.Add("Nonce", nonce);
        request.Headers.Add("CurTime", time);
        request.Headers.Add("CheckSum", NimTokens.CheckSum(secret ?? GatewayProcess.NimAppSecret, nonce, time));
        var response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public void Dispose() => Http.Dispose();
}
