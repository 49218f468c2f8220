using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Signaling.Http.Identity;

namespace Signaling.Bench;

/// <summary>
/// Pairs of users with live streams run invite → notified → accept → caller notified → hang-up → callee notified
/// cycles at an open-loop rate. Every notification is awaited by the client request id it carries, so a missing
/// one is counted as lost rather than hidden. With two nodes, callers use the first and callees the last, so every
/// notification crosses nodes.
/// </summary>
internal sealed class CallLoad(BenchOptions options, IReadOnlyList<GatewayUnderTest> nodes, TokenIssuer issuer) : IAsyncDisposable
{
    private static readonly TimeSpan NotificationTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiters = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Reply>> _replies = new();
    private readonly ConcurrentDictionary<string, ClientWebSocket> _sockets = new();
    private long _command;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly HttpClient[] _http = nodes.Select(n => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = n.Url }).ToArray();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly List<IDisposable> _connections = [];
    private (string Caller, string Callee, SemaphoreSlim Line)[] _pairs = [];
    private int _next;
    private int _lost;
    private int _errors;
    private int _completed;

    public Latencies InviteToNotification { get; } = new();

    public int Lost => _lost;

    public int Errors => _errors;

    public async Task ConnectAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        _pairs = Enumerable.Range(0, options.Pairs).Select(i => ($"caller{i}-{run}", $"callee{i}-{run}", new SemaphoreSlim(1, 1))).ToArray();
        foreach (var (caller, callee, _) in _pairs)
        {
            await OpenStreamAsync(caller);
            await OpenStreamAsync(callee);
        }
    }

    /// <summary>Runs cycles for the given time; returns completed cycles per second (only measured cycles count).</summary>
    public async Task<double> RunAsync(TimeSpan duration, bool measure)
    {
        var before = _completed;
        var clock = Stopwatch.StartNew();
        await OpenLoop.RunAsync(options.Rate, duration, () => CycleAsync(measure ? InviteToNotification : null));
        return (_completed - before) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One call on a gateway that has served none yet: its invite→notification time in ms (null if lost).</summary>
    public async Task<double?> FirstCallAsync()
    {
        await WarmOwnPathAsync();
        var first = new Latencies();
        await CycleAsync(first);
        return first.Count > 0 ? first.Summary().P50 : null;
    }

    /// <summary>
    /// The bench's own first command and notification are JIT work in this process, not the server's (serialising
    /// anonymous types by reflection, the WebSocket framing and masking code, parsing): done once here over a loopback
    /// socket pair of the bench's own, without touching the gateway. Neither message matches a waiter.
    /// </summary>
    private async Task WarmOwnPathAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var accepted = await listener.AcceptAsync();
        using var server = WebSocket.CreateFromStream(new NetworkStream(accepted), new WebSocketCreationOptions { IsServer = true });
        using var caller = WebSocket.CreateFromStream(new NetworkStream(client), new WebSocketCreationOptions { IsServer = false });
        var buffer = new byte[4096];
        var command = JsonSerializer.SerializeToUtf8Bytes(Frame(0, "/v1/invitations", new { invitees = new[] { "nobody" }, requestId = "" }));
        byte[][] answers = [
            """{"reply":-1,"status":201,"body":{"id":"none"}}"""u8.ToArray(),
            """{"kind":"invitationReceived","recipient":"nobody","invitation":{"requestId":"none"}}"""u8.ToArray()];
        await caller.SendAsync(command, WebSocketMessageType.Text, true, _stop.Token);
        await server.ReceiveAsync(buffer.AsMemory(), _stop.Token);
        foreach (var answer in answers)
        {
            await server.SendAsync(answer, WebSocketMessageType.Text, true, _stop.Token);
            var received = await caller.ReceiveAsync(buffer.AsMemory(), _stop.Token);
            Deliver(buffer.AsSpan(0, received.Count));
        }
    }

    /// <summary>Opens <paramref name="count"/> idle WebSockets for users nobody calls.</summary>
    public async Task OpenIdleAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {issuer.Issue($"idle{i}-{Guid.NewGuid():N}")}");
            await socket.ConnectAsync(new Uri($"ws://{nodes[0].Url.Authority}/v1/events"), _stop.Token);
            _connections.Add(socket);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }

    /// <summary>
    /// Redis round trips per invite: <paramref name="invites"/> invites one at a time, each counted from the request to
    /// the callee's notification (the stream reads included), minus what the nodes do meanwhile when idle (timeout polling,
    /// heartbeats). Each call is then cancelled, uncounted.
    /// </summary>
    public async Task<double> RoundTripsPerInviteAsync(RedisMonitor monitor, int invites)
    {
        var idleFrom = monitor.Count;
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idlePerSecond = (monitor.Count - idleFrom) / idle.Elapsed.TotalSeconds;

        double counted = 0;
        for (var i = 0; i < invites; i++)
        {
            var (caller, callee, _) = _pairs[i % _pairs.Length];
            var requestId = Guid.NewGuid().ToString("N");
            var received = Wait("invitationReceived", requestId, callee);
            var from = monitor.Count;
            var clock = Stopwatch.StartNew();
            var invite = await CommandAsync(caller, "/v1/invitations", new { invitees = new[] { callee }, requestId });
            await ArrivalAsync(received);
            await Task.Delay(20); // MONITOR lines trail the commands a little.
            counted += monitor.Count - from - idlePerSecond * clock.Elapsed.TotalSeconds;
            await CommandAsync(caller, $"/v1/invitations/{invite.InvitationId}/cancel", null);
        }

        return counted / invites;
    }

    private async Task CycleAsync(Latencies? measure)
    {
        var (caller, callee, line) = _pairs[Interlocked.Increment(ref _next) % _pairs.Length];
        await line.WaitAsync();
        try
        {
            var requestId = Guid.NewGuid().ToString("N");
            var received = Wait("invitationReceived", requestId, callee);
            var accepted = Wait("inviteeAccepted", requestId, caller);
            var ended = Wait("callEnded", requestId, callee);

            var started = Stopwatch.GetTimestamp();
            var invite = await CommandAsync(caller, "/v1/invitations", new { invitees = new[] { callee }, requestId });
            if (!invite.Ok)
            {
                Interlocked.Increment(ref _errors);
                return;
            }

            var id = invite.InvitationId;
            if (await ArrivalAsync(received) is not { } at)
            {
                return;
            }

            measure?.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);

            var accept = await CommandAsync(callee, $"/v1/invitations/{id}/accept", null);
            if (await ArrivalAsync(accepted) is null)
            {
                return;
            }

            var hangup = await CommandAsync(caller, $"/v1/invitations/{id}/hangup", null);
            if (await ArrivalAsync(ended) is not null && accept.Ok && hangup.Ok)
            {
                Interlocked.Increment(ref _completed);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TimeoutException)
        {
            Interlocked.Increment(ref _errors);
        }
        finally
        {
            line.Release();
        }
    }

    private Task<long> Wait(string kind, string requestId, string recipient)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[$"{kind}|{requestId}|{recipient}"] = waiter;
        return waiter.Task;
    }

    private async Task<long?> ArrivalAsync(Task<long> notification)
    {
        try
        {
            return await notification.WaitAsync(NotificationTimeout);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _lost);
            return null;
        }
    }

    /// <summary>A POST command: a frame on the user's event socket, or an HTTP request (<c>--commands http</c>).</summary>
    private async Task<Reply> CommandAsync(string user, string path, object? body)
    {
        if (options.CommandsOnSocket)
        {
            var id = Interlocked.Increment(ref _command);
            var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            _replies[id] = reply;
            var frame = JsonSerializer.SerializeToUtf8Bytes(Frame(id, path, body));
            await _sockets[user].SendAsync(frame, WebSocketMessageType.Text, true, _stop.Token);
            return await reply.Task.WaitAsync(NotificationTimeout);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(user));
        using var response = await _http[NodeOf(user)].SendAsync(request);
        var invitationId = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
        return new Reply(response.IsSuccessStatusCode, invitationId);
    }

    private static object Frame(long id, string path, object? body) => new { id, method = "POST", path, body };

    /// <summary>A command's outcome: success, and the invitation it answered with.</summary>
    private sealed record Reply(bool Ok, string? InvitationId);

    /// <summary>Callers on the first node, callees on the last.</summary>
    private int NodeOf(string user) => user.StartsWith("callee", StringComparison.Ordinal) ? nodes.Count - 1 : 0;

    // Minted once per user: the bench shares the machine with the gateway and must not spend its CPU on HMACs.
    private string TokenOf(string user) => _tokens.GetOrAdd(user, u => issuer.Issue(u));

    private async Task OpenStreamAsync(string user)
    {
        var token = TokenOf(user);
        if (options.Transport == "sse")
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            var response = await _http[NodeOf(user)].SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            _connections.Add(response);
            _readers.Add(ReadSseAsync(await response.Content.ReadAsStreamAsync(_stop.Token)));
        }
        else
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            await socket.ConnectAsync(new Uri($"ws://{nodes[NodeOf(user)].Url.Authority}/v1/events"), _stop.Token);
            _connections.Add(socket);
            _sockets[user] = socket;
            _readers.Add(ReadWebSocketAsync(socket));
        }
    }

    private async Task ReadWebSocketAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Deliver(buffer.AsSpan(0, length));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Done.
        }
    }

    private async Task ReadSseAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Deliver(Encoding.UTF8.GetBytes(line[6..]));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private void Deliver(ReadOnlySpan<byte> json)
    {
        var at = Stopwatch.GetTimestamp();
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.TryGetProperty("reply", out var replyTo))
        {
            if (_replies.TryRemove(replyTo.GetInt64(), out var reply))
            {
                var status = root.GetProperty("status").GetInt32();
                var ok = status is >= 200 and < 300;
                reply.TrySetResult(new Reply(ok, ok ? root.GetProperty("body").GetProperty("id").GetString() : null));
            }

            return;
        }

        if (root.TryGetProperty("invitation", out var invitation) && invitation.TryGetProperty("requestId", out var requestId)
            && _waiters.TryRemove($"{root.GetProperty("kind").GetString()}|{requestId.GetString()}|{root.GetProperty("recipient").GetString()}", out var waiter))
        {
            waiter.TrySetResult(at);
        }
    }
}
