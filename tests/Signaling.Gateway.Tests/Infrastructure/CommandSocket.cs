using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>A <c>/v1/events</c> WebSocket that also sends commands: replies and events are read apart.</summary>
public sealed class CommandSocket : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _replies = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _next;

    public static async Task<CommandSocket> ConnectAsync(GatewayProcess gateway, string token)
    {
        var socket = new CommandSocket();
        await socket._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{gateway.Port}/v1/events?access_token={token}"), CancellationToken.None);
        socket._reading = socket.ReadAsync();
        return socket;
    }

    /// <summary>Sends a command with the next id and returns its reply (its id checked).</summary>
    public async Task<JsonElement> SendAsync(string method, string path, object? body = null)
    {
        var id = Interlocked.Increment(ref _next);
        var reply = await SendRawAsync(JsonSerializer.Serialize(new { id, method, path, body }));
        Assert.Equal(id, reply.GetProperty("reply").GetInt32());
        return reply;
    }

    /// <summary>Sends any text (or bytes as a binary frame) and returns the next reply.</summary>
    public async Task<JsonElement> SendRawAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), type, true, CancellationToken.None);
        return await NextAsync(_replies);
    }

    public Task<JsonElement> NextEventAsync() => NextAsync(_events);

    /// <summary>True when no event arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> NoEventWithinAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            await _events.Reader.ReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> frames)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await frames.Reader.ReadAsync(timeout.Token);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                await (frame.TryGetProperty("reply", out _) ? _replies : _events).Writer.WriteAsync(frame);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed; or aborted by DisposeAsync while a frame was being handled, so the next receive finds it disposed.
        }
    }
}
