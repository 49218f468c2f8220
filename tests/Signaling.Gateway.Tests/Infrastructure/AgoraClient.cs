using System.Net;
using System.Text;
using System.Text.Json;
using Signaling.Adapters.Agora.Auth;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>An app on the legacy Agora Signaling SDK as it calls the gateway: login with a SignalingToken, then X-Agora-Session, {ecode, result | reason}.</summary>
public sealed class AgoraClient : IDisposable
{
    private readonly GatewayProcess _gateway;

    public AgoraClient(GatewayProcess gateway, string account, string? deviceId)
    {
        _gateway = gateway;
        Account = account;
        DeviceId = deviceId;
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
    }

    public string Account { get; }

    public string? DeviceId { get; }

    public string? Session { get; private set; }

    public HttpClient Http { get; }

    public string Token(TimeSpan? lifetime = null) => SignalingToken.Create(Account, GatewayProcess.AgoraAppId, GatewayProcess.AgoraCertificate,
        DateTimeOffset.UtcNow.Add(lifetime ?? TimeSpan.FromHours(1)).ToUnixTimeSeconds());

    /// <summary>Logs in with a fresh token (or <paramref name="token"/>); keeps the session for later calls.</summary>
    public async Task<(HttpStatusCode Status, int Ecode, JsonElement Body)> LoginAsync(string? token = null)
    {
        var answer = await CallAsync("login", new { account = Account, token = token ?? Token(), deviceID = DeviceId });
        if (answer.Ecode == 0)
        {
            Session = answer.Body.GetProperty("result").GetProperty("session").GetString();
        }

        return answer;
    }

    /// <summary>Calls on with a session obtained some other way (the native login2, say).</summary>
    public void UseSession(string session) => Session = session;

    public async Task<(HttpStatusCode Status, int Ecode, JsonElement Body)> CallRawAsync(string method, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/agora/{method}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (Session is not null)
        {
            request.Headers.Add("X-Agora-Session", Session);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(envelope.TryGetProperty("ecode", out var ecode), $"{method} answered {(int)response.StatusCode} without Agora's envelope: {text}");
        return (response.StatusCode, ecode.GetInt32(), envelope);
    }

    public Task<(HttpStatusCode Status, int Ecode, JsonElement Body)> CallAsync(string method, object body) => CallRawAsync(method, JsonSerializer.Serialize(body));

    /// <summary>Calls a method that must succeed; returns its result (default when it has none).</summary>
    public async Task<JsonElement> OkAsync(string method, object body)
    {
        var (status, ecode, envelope) = await CallAsync(method, body);
        Assert.True(status == HttpStatusCode.OK && ecode == 0, $"{method} answered {(int)status} / {envelope}");
        return envelope.TryGetProperty("result", out var result) ? result : default;
    }

    public Task<SseStream> OpenEventsAsync(long? after = null) =>
        SseStream.OpenAsync(_gateway, $"/agora/events?session={Session}", null, after);

    public void Dispose() => Http.Dispose();
}
