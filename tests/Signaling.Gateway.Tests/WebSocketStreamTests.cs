using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class WebSocketStreamTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task WebSocket_CarriesTheSameEventJson_AndResumesAfterASequence()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        using (var socket = await ConnectAsync(bob.Token, after: null))
        {
            var id = await alice.InviteAsync(new { invitees = new[] { bob.UserId } });
            var frame = await ReceiveAsync(socket);

            Assert.Equal("invitationReceived", frame.GetProperty("kind").GetString());
            Assert.Equal(id, frame.GetProperty("invitationId").GetString());
            Assert.Equal(1, frame.GetProperty("sequence").GetInt64());
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await alice.PostAsync($"/v1/users/{bob.UserId}/messages", new { message = "missed me?" });
        using var resumed = await ConnectAsync(bob.Token, after: 1);
        var missed = await ReceiveAsync(resumed);

        Assert.Equal(2, missed.GetProperty("sequence").GetInt64());
        Assert.Equal("peerMessage", missed.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AStream_IdleForLongerThanItsWriteTimeout_StillDeliversTheNextEvent()
    {
        // The write timeout bounds one batch's writes (StreamOptions.WriteTimeout), not the quiet time between batches.
        await using var gateway = new GatewayProcess(settings: new Dictionary<string, string> { ["Streams__WriteTimeout"] = "00:00:01" });
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        using var bob = gateway.User(GatewayFixture.Unique("bob"));
        using var socket = await ConnectAsync(gateway, bob.Token, after: null);
        await alice.PostAsync($"/v1/users/{bob.UserId}/messages", new { message = "one" });
        Assert.Equal(1, (await ReceiveAsync(socket)).GetProperty("sequence").GetInt64());

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await alice.PostAsync($"/v1/users/{bob.UserId}/messages", new { message = "two" });

        Assert.Equal(2, (await ReceiveAsync(socket)).GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task WebSocket_WithoutToken_IsRefused()
    {
        using var socket = new ClientWebSocket();
        var uri = new Uri($"ws://127.0.0.1:{_gateway.Port}/v1/events");

        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    private Task<ClientWebSocket> ConnectAsync(string token, long? after) => ConnectAsync(_gateway, token, after);

    private static async Task<ClientWebSocket> ConnectAsync(GatewayProcess gateway, string token, long? after)
    {
        var socket = new ClientWebSocket();
        var query = after is null ? $"?access_token={token}" : $"?after={after}&access_token={token}";
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{gateway.Port}/v1/events{query}"), CancellationToken.None);
        return socket;
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonDocument.Parse(text.ToString()).RootElement.Clone();
    }
}
