using System.Net;
using System.Text;
using System.Text.Json;
using Signaling.Adapters.OpenIM.Auth;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>An app on OpenIM's SDK as it calls the gateway: token header, OpenIM field names, {errCode, errMsg, errDlt, data}.</summary>
public sealed class OpenIMClient : IDisposable
{
    private readonly GatewayProcess _gateway;

    public OpenIMClient(GatewayProcess gateway, string userId, int platformId)
    {
        _gateway = gateway;
        UserId = userId;
        Token = OpenIMTokens.IssueV3(userId, platformId, GatewayProcess.OpenIMSecret, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
    }

    public string UserId { get; }

    public string Token { get; set; }

    public HttpClient Http { get; }

    public async Task<(HttpStatusCode Status, int Code, JsonElement Data)> CallRawAsync(string method, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/openim/{method}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var operation = Guid.NewGuid().ToString("N");
        request.Headers.Add("token", Token);
        request.Headers.Add("operationID", operation);
        var response = await Http.SendAsync(request);
        Assert.Equal(operation, response.Headers.GetValues("operationID").Single());
        var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, envelope.GetProperty("errCode").GetInt32(), envelope.GetProperty("data"));
    }

    public Task<(HttpStatusCode Status, int Code, JsonElement Data)> CallAsync(string method, object body) => CallRawAsync(method, JsonSerializer.Serialize(body));

    /// <summary>signalingInvite(InGroup) with an RtcInvite; returns the reply's data, failing the test on an error.</summary>
    public async Task<JsonElement> InviteAsync(string[] invitees, int timeout = 30, string? groupId = null, object? offlinePushInfo = null)
    {
        var invitation = new { inviterUserID = UserId, inviteeUserIDList = invitees, groupID = groupId ?? "", roomID = "", timeout, mediaType = "video", sessionType = groupId is null ? 1 : 2, platformID = 5 };
        var (status, code, data) = await CallAsync(groupId is null ? "signalingInvite" : "signalingInviteInGroup", new { opUserID = UserId, invitation, offlinePushInfo });
        Assert.True(status == HttpStatusCode.OK && code == 0, $"invite answered {(int)status} / {code}");
        return data;
    }

    /// <summary>An answer names the call by its invitation, as the SDK passes back what onReceiveNewInvitation gave it.</summary>
    public Task<(HttpStatusCode Status, int Code, JsonElement Data)> AnswerAsync(string method, string roomId) =>
        CallAsync(method, new { opUserID = UserId, invitation = new { roomID = roomId } });

    public Task<SseStream> OpenEventsAsync(long? after = null) =>
        SseStream.OpenAsync(_gateway, $"/openim/events?token={Uri.EscapeDataString(Token)}", null, after);

    public void Dispose() => Http.Dispose();
}
