using System.Net.WebSockets;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>
/// Issue #17: SIGTERM with 200 open streams. Every stream is told to reconnect elsewhere — SSE gets <c>retry:</c> and a
/// <c>reconnect</c> event, a WebSocket the close status 1012 (service restart) — and the process exits 0 within
/// Shutdown:Timeout (5 s) instead of waiting out the host's 30 s and resetting the connections.
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private readonly GatewayProcess _gateway = new();

    public Task InitializeAsync() => _gateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Sigterm_With200OpenStreams_TellsEachToReconnect_AndExits0Within5Seconds()
    {
        var sse = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => SseStream.OpenAsync(_gateway, GatewayProcess.Token($"sse{i}"))));
        var sockets = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_gateway.Port}/v1/events?access_token={GatewayProcess.Token($"ws{i}")}"), CancellationToken.None);
            return socket;
        }));

        // Clients are reading, as a browser's socket always is, so they answer the close handshake.
        var closes = sockets.Select(socket => socket.ReceiveAsync(new byte[1024], CancellationToken.None)).ToList();

        var (exitCode, took) = await _gateway.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took.TotalSeconds:F1} s");
        foreach (var stream in sse)
        {
            Assert.Equal("reconnect", (await stream.WaitForAsync("reconnect", TimeSpan.FromSeconds(2))).Name);
            await stream.DisposeAsync();
        }

        foreach (var (socket, close) in sockets.Zip(closes))
        {
            Assert.Equal(WebSocketMessageType.Close, (await close.WaitAsync(TimeSpan.FromSeconds(2))).MessageType);
            Assert.Equal(1012, (int)socket.CloseStatus!);
            socket.Dispose();
        }
    }
}
