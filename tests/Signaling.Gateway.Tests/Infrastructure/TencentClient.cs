using System.Net;
using System.Text;
using System.Text.Json;
using Signaling.Adapters.Tencent.Auth;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>An app on Tencent's SDK as it calls the gateway: UserSig in the query, SDK parameter names, the {code, desc, data} envelope.</summary>
public sealed class TencentClient : IDisposable
{
    private readonly GatewayProcess _gateway;

    public TencentClient(GatewayProcess gateway, string userId, string? deviceId)
    {
        _gateway = gateway;
        UserId = userId;
        UserSig = TencentUserSig.Create(GatewayProcess.TencentAppId, GatewayProcess.TencentKey, userId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 86400);
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
        if (deviceId is not null)
        {
            Http.DefaultRequestHeaders.Add("X-Tencent-Device", deviceId);
        }
    }

    public string UserId { get; }

    public string UserSig { get; set; }

    public HttpClient Http { get; }

    public string Credentials => $"sdkappid={GatewayProcess.TencentAppId}&identifier={UserId}&usersig={Uri.EscapeDataString(UserSig)}";

    public async Task<(HttpStatusCode Status, int Code, JsonElement Data)> CallRawAsync(string method, string json)
    {
        var response = await Http.PostAsync($"/tencent/signaling/{method}?{Credentials}", new StringContent(json, Encoding.UTF8, "application/json"));
        var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, envelope.GetProperty("code").GetInt32(), envelope.GetProperty("data"));
    }

    public Task<(HttpStatusCode Status, int Code, JsonElement Data)> CallAsync(string method, object body) =>
        CallRawAsync(method, JsonSerializer.Serialize(body));

    /// <summary>invite, failing the test unless it answers code 0 with an inviteID.</summary>
    public async Task<string> InviteAsync(object body, string method = "invite")
    {
        var (status, code, data) = await CallAsync(method, body);
        Assert.True(status == HttpStatusCode.OK && code == 0, $"{method} answered {(int)status} / {code}");
        return data.GetString()!;
    }

    public Task<SseStream> OpenListenerAsync(long? after = null) =>
        SseStream.OpenAsync(_gateway, $"/tencent/signaling/listener?{Credentials}", null, after);

    public void Dispose() => Http.Dispose();
}
