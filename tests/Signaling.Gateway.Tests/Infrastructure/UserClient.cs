using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>One user (on one device) calling the canonical API with their own token.</summary>
public sealed class UserClient : IDisposable
{
    private readonly GatewayProcess _gateway;

    public UserClient(GatewayProcess gateway, string userId, string? deviceId)
    {
        _gateway = gateway;
        UserId = userId;
        Token = GatewayProcess.Token(userId, deviceId);
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public string UserId { get; }

    public string Token { get; }

    public HttpClient Http { get; }

    public Task<SseStream> OpenStreamAsync(long? lastEventId = null) => SseStream.OpenAsync(_gateway, Token, lastEventId);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Http.PostAsync(path, body is null ? null : JsonContent.Create(body));

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Invites and returns the invitation id, failing the test on any error.</summary>
    public async Task<string> InviteAsync(object body)
    {
        var response = await PostAsync("/v1/invitations", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Everything still kept in this user's log (a stream opened with after=0, read for a moment).</summary>
    public async Task<List<SseEvent>> ReadLogAsync()
    {
        await using var stream = await OpenStreamAsync(lastEventId: 0);
        return await stream.DrainAsync(TimeSpan.FromMilliseconds(700));
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public void Dispose() => Http.Dispose();
}
