using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Http.Streams;

/// <summary>
/// Streams a user's event log to one connection, as Server-Sent Events or WebSocket text frames, for any surface.
/// It pulls from the durable log (never from memory), so a reconnect with the last seen id (<c>Last-Event-ID</c>
/// or <c>?after=</c>) gets exactly what it missed, and a slow client holds at most one batch: if it cannot take
/// a batch in time it is dropped and resumes later. Without an id the stream starts with the next new event.
/// </summary>
public sealed class EventStreamHandler(
    IEventLog log, EventWakeups wakeups, IPresenceRegistry presence, TimeProvider clock, IOptions<StreamOptions> options, SignalingMetrics metrics,
    IHostApplicationLifetime lifetime)
{
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();
    private static readonly byte[] EndOfEvent = "\n\n"u8.ToArray();

    // Reconnect after a second (to whichever node the load balancer picks) with Last-Event-ID, as EventSource does.
    private static readonly byte[] Goodbye = "retry: 1000\nevent: reconnect\ndata: {\"reason\":\"service restart\"}\n\n"u8.ToArray();
    private static readonly byte[] Removed = "event: removed\ndata: {\"reason\":\"removed by an operator\"}\n\n"u8.ToArray();

    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;
    private readonly StreamOptions _options = options.Value;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StreamEnding> _local = new(StringComparer.Ordinal);
    private int _open;
    private int _watchingShutdown;

    /// <summary>
    /// On shutdown, tells every stream here to say goodbye, then holds the host's shutdown (up to 2 s) until they have, so
    /// the server does not abort them before their reconnect event or close handshake is through. One registration for
    /// all streams; a stream that opens after this ran sees the host stopping itself.
    /// </summary>
    private void WatchShutdown()
    {
        if (Interlocked.Exchange(ref _watchingShutdown, 1) == 0)
        {
            lifetime.ApplicationStopping.Register(() =>
            {
                foreach (var ending in _local.Values)
                {
                    ending.End(StreamEndReason.Shutdown);
                }

                SpinWait.SpinUntil(() => Volatile.Read(ref _open) == 0, TimeSpan.FromSeconds(2));
            });
        }
    }

    /// <summary>
    /// Ends a stream held by this node, as an operator's removal (SSE <c>removed</c> event; WebSocket close 1008). Streams
    /// on other nodes notice their removal from presence at their next heartbeat. False when this node does not hold it.
    /// </summary>
    public bool Remove(string connectionId)
    {
        if (!_local.TryGetValue(connectionId, out var ending))
        {
            return false;
        }

        ending.End(StreamEndReason.Removed);
        return true;
    }

    /// <summary>The resume point the client asked for, or an error message when it is not a sequence number.</summary>
    public static (long? After, string? Error) ReadCursor(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            ? (after, null)
            : (null, "Last-Event-ID / after must be a non-negative event sequence number.");
    }

    /// <summary>
    /// The resume point, or — when the client sent something that is not a sequence number — false, after answering 400
    /// in the shape of the surface the stream belongs to (its <see cref="Validation.IProblemWriter"/>).
    /// </summary>
    public static async Task<(bool Ok, long? After)> TryReadCursorAsync(HttpContext context)
    {
        var (after, error) = ReadCursor(context.Request);
        if (error is null)
        {
            return (true, after);
        }

        await Problems.BadRequestExceptionHandler.Refuse(context, SignalingError.Invalid("Last-Event-ID", error)).ExecuteAsync(context);
        return (false, null);
    }

    /// <summary>
    /// A cursor that replays the user's events since <paramref name="since"/> (looking back at most 200 events):
    /// for surfaces whose clients expect what happened just before they connected.
    /// </summary>
    public async Task<long> CursorSinceAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var recent = await log.ReadRecentAsync(userId, 200, cancellationToken);
        return recent.FirstOrDefault(e => e.Time >= since) is { } first ? first.Sequence - 1 : await log.GetLastSequenceAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Streams until the client goes away. <paramref name="greeting"/> frames (a vendor's "state at login" callbacks)
    /// are sent first, carrying the starting cursor as their id. With <paramref name="ownActions"/> the connection also
    /// sees what its own device did, for SDKs that report a caller's actions back to it. With <paramref name="commands"/>
    /// a WebSocket also takes the surface's commands, each answered by a reply frame between the events.
    /// </summary>
    public async Task StreamAsync(
        HttpContext context, Actor viewer, long? after, IEventRenderer renderer, IReadOnlyList<EventFrame>? greeting = null, bool ownActions = false,
        IStreamCommands? commands = null)
    {
        var aborted = context.RequestAborted;
        ForgetClaims(context.User);
        using var registration = wakeups.Register(viewer.UserId, viewer.DeviceId, ownActions);
        var cursor = after ?? await log.GetLastSequenceAsync(viewer.UserId, aborted);
        var connectionId = Ids.New();
        var (surface, transport) = (context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "",
            context.WebSockets.IsWebSocketRequest ? "websocket" : "sse");
        var now = clock.GetUtcNow();
        await presence.ConnectAsync(new LiveConnection(connectionId, viewer.UserId, now + _options.PresenceTtl, surface, transport, viewer.DeviceId, now), aborted);
        using var ending = new StreamEnding();
        _local[connectionId] = ending;
        metrics.StreamOpened(surface, transport, +1);
        WatchShutdown();
        Interlocked.Increment(ref _open);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            ending.End(StreamEndReason.Shutdown);
        }

        try
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync(
                    new WebSocketAcceptContext { KeepAliveInterval = _options.HeartbeatInterval });
                using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                var sink = new WebSocketSink(socket, renderer);
                var receiving = ReceiveAsync(socket, sink, viewer, commands, closed, ending);
                await PumpUntilShutdownAsync(viewer, cursor, connectionId, sink, renderer, greeting, ownActions, ending, closed.Token);
                if (socket.State == WebSocketState.CloseSent)
                {
                    // Let the client answer our close (1012, 1008), so the handshake completes before the connection goes.
                    await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None));
                }

                await closed.CancelAsync();
                await receiving;
            }
            else
            {
                context.Response.Headers.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers["X-Accel-Buffering"] = "no";
                await context.Response.Body.FlushAsync(aborted);
                using var gone = aborted.Register(static state => ((StreamEnding)state!).End(StreamEndReason.ClientGone), ending);
                await PumpUntilShutdownAsync(viewer, cursor, connectionId, new SseSink(context.Response.Body), renderer, greeting, ownActions, ending, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (WebSocketException)
        {
            // The socket broke; the client resumes with its last id.
        }
        catch (StoreUnavailableException) when (context.Response.HasStarted)
        {
            // The store went away mid-stream: the connection ends, and the client resumes with its last id once it is back.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            _local.TryRemove(connectionId, out _);
            metrics.StreamOpened(surface, transport, -1);
            await ForgetConnectionAsync(connectionId);
        }
    }

    /// <summary>
    /// Drops the caller's claims once the stream knows its viewer. A stream lasts as long as its connection, and the
    /// middleware suspended under it (authorization's result among them) keeps the principal: its claims and their
    /// strings were ~0.5 KB per idle connection. Each request's identity is its own (the token cache hands out copies).
    /// </summary>
    private static void ForgetClaims(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims.ToList())
            {
                identity.TryRemoveClaim(claim);
            }
        }
    }

    /// <summary>
    /// Streams until the client goes away, the gateway shuts down or an operator removes the stream. On shutdown the
    /// client is told to reconnect — to another node, with its last id — rather than having its connection reset (SSE
    /// <c>retry:</c> and a <c>reconnect</c> event; WebSocket close 1012, service restart); on removal it is told so.
    /// </summary>
    private async Task PumpUntilShutdownAsync(
        Actor viewer, long cursor, string connectionId, ISink sink, IEventRenderer renderer, IReadOnlyList<EventFrame>? greeting, bool ownActions,
        StreamEnding ending, CancellationToken stop)
    {
        try
        {
            await PumpAsync(viewer, cursor, connectionId, sink, renderer, greeting, ownActions, ending);
        }
        catch (OperationCanceledException) when (ending.Reason is StreamEndReason.Removed or StreamEndReason.Shutdown && !stop.IsCancellationRequested)
        {
            using var goodbye = CancellationTokenSource.CreateLinkedTokenSource(stop);
            goodbye.CancelAfter(TimeSpan.FromSeconds(1));
            await (ending.Reason == StreamEndReason.Removed ? sink.RemovedAsync(goodbye.Token) : sink.GoodbyeAsync(goodbye.Token));
        }
    }

    private async Task PumpAsync(
        Actor viewer, long cursor, string connectionId, ISink sink, IEventRenderer renderer, IReadOnlyList<EventFrame>? greeting, bool ownActions,
        StreamEnding ending)
    {
        var stop = ending.Token;
        foreach (var frame in greeting ?? [])
        {
            await sink.WriteAsync(frame, cursor, stop);
        }

        await sink.FlushAsync(stop);
        // One timer per heartbeat period, not one per wake-up: a delay left behind at each event would sit in the timer
        // queue until its heartbeat came (measured: thousands of live timers per busy socket pair at 1,000 calls/s).
        var heartbeatDue = Task.Delay(_options.HeartbeatInterval, clock, stop);
        Task<bool>? refreshing = null;
        using var deadline = new WriteDeadline(stop, _options.WriteTimeout);
        while (!stop.IsCancellationRequested)
        {
            var woken = wakeups.WaitFor(viewer.UserId);
            var batch = await log.ReadAsync(viewer.UserId, cursor, _options.BatchSize, stop);
            if (batch.Count > 0)
            {
                var writing = deadline.Arm();
                foreach (var signalingEvent in batch)
                {
                    cursor = signalingEvent.Sequence;
                    if (!signalingEvent.IsVisibleOn(viewer.DeviceId, ownActions))
                    {
                        continue;
                    }

                    foreach (var frame in renderer.Render(signalingEvent))
                    {
                        await sink.WriteAsync(frame, signalingEvent.Sequence, writing);
                        Count(signalingEvent);
                    }
                }

                await sink.FlushAsync(writing);
                deadline.Disarm();
                if (batch.Count == _options.BatchSize)
                {
                    continue; // More may be waiting.
                }

                // The waiter was taken before the read, so anything appended since will wake it: no need to read again now.
            }

            if (!heartbeatDue.IsCompleted && refreshing is not { IsCompleted: true })
            {
                await (refreshing is null ? Task.WhenAny(woken, heartbeatDue) : Task.WhenAny(woken, heartbeatDue, refreshing));
                stop.ThrowIfCancellationRequested();
            }

            if (refreshing is { IsCompleted: true })
            {
                if (!await refreshing)
                {
                    ending.End(StreamEndReason.Removed); // An operator removed it through another node.
                    stop.ThrowIfCancellationRequested();
                }

                refreshing = null;
            }

            if (heartbeatDue.IsCompleted)
            {
                await sink.HeartbeatAsync(stop);

                // Not awaited here: a store busy for a moment must not hold this stream's events back meanwhile.
                refreshing ??= presence.RefreshAsync(connectionId, clock.GetUtcNow() + _options.PresenceTtl, stop);
                heartbeatDue = Task.Delay(_options.HeartbeatInterval, clock, stop);
            }
        }
    }

    /// <summary>Best effort: when the store is down the entry is not refreshed and expires by itself.</summary>
    private async Task ForgetConnectionAsync(string connectionId)
    {
        try
        {
            await presence.DisconnectAsync(connectionId, CancellationToken.None);
        }
        catch (StoreUnavailableException)
        {
        }
    }

    private void Count(SignalingEvent signalingEvent)
    {
        metrics.EventDelivered(signalingEvent.Kind.ToString());
        if (signalingEvent.Kind == EventKind.InvitationReceived)
        {
            metrics.InvitationDelivered(clock.GetUtcNow() - signalingEvent.Time);
        }
    }

    /// <summary>
    /// Reads what the client sends, so a close frame or a dropped socket ends the stream, and answers its commands one at
    /// a time (without <paramref name="commands"/> its frames are ignored). The buffer is small while the socket idles and
    /// grows to the command limit only for a command that needs it.
    /// </summary>
    private async Task ReceiveAsync(
        WebSocket socket, WebSocketSink sink, Actor viewer, IStreamCommands? commands, CancellationTokenSource closed, StreamEnding ending)
    {
        var first = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(first.AsMemory(), closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                // A surface without commands keeps nothing of what it is sent (a limit of 0 drops every byte).
                var frame = new CommandFrame(first, received.Count, commands is null ? 0 : _options.MaxCommandBytes);
                while (!received.EndOfMessage)
                {
                    received = await socket.ReceiveAsync(frame.Free, closed.Token);
                    frame.Grew(received.Count);
                }

                if (commands is null)
                {
                    continue;
                }

                var reply = frame.TooLarge ? commands.Refuse(Problems.BadRequestExceptionHandler.TooLarge)
                    : received.MessageType == WebSocketMessageType.Binary ? commands.Refuse(BinaryFrame)
                    : await commands.HandleAsync(viewer, frame.Bytes, closed.Token);
                await sink.SendAsync(reply, closed.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing anyway.
        }
        finally
        {
            ending.End(StreamEndReason.ClientGone);
            await closed.CancelAsync();
        }
    }

    private static readonly SignalingError BinaryFrame =
        SignalingError.Invalid("body", "Commands are JSON in text frames; binary frames are not read.");

    private interface ISink
    {
        ValueTask WriteAsync(EventFrame frame, long sequence, CancellationToken cancellationToken);

        Task FlushAsync(CancellationToken cancellationToken);

        Task HeartbeatAsync(CancellationToken cancellationToken);

        /// <summary>The gateway is shutting down: reconnect (elsewhere) with your last id.</summary>
        Task GoodbyeAsync(CancellationToken cancellationToken);

        /// <summary>An operator removed the stream.</summary>
        Task RemovedAsync(CancellationToken cancellationToken);
    }

    private sealed class SseSink(Stream body) : ISink
    {
        public async ValueTask WriteAsync(EventFrame frame, long sequence, CancellationToken cancellationToken)
        {
            var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {sequence}\nevent: {frame.Name}\ndata: "));
            await body.WriteAsync(header, cancellationToken);
            await body.WriteAsync(frame.Data, cancellationToken);
            await body.WriteAsync(EndOfEvent, cancellationToken);
        }

        public Task FlushAsync(CancellationToken cancellationToken) => body.FlushAsync(cancellationToken);

        public Task GoodbyeAsync(CancellationToken cancellationToken) => SayAsync(Goodbye, cancellationToken);

        public Task RemovedAsync(CancellationToken cancellationToken) => SayAsync(Removed, cancellationToken);

        private async Task SayAsync(byte[] frame, CancellationToken cancellationToken)
        {
            await body.WriteAsync(frame, cancellationToken);
            await body.FlushAsync(cancellationToken);
        }

        public async Task HeartbeatAsync(CancellationToken cancellationToken)
        {
            await body.WriteAsync(Heartbeat, cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Event frames from the pump and command replies from the receiver share the socket, one send at a time.</summary>
    private sealed class WebSocketSink(WebSocket socket, IEventRenderer renderer) : ISink
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public ValueTask WriteAsync(EventFrame frame, long sequence, CancellationToken cancellationToken) =>
            new(SendAsync(renderer.WebSocketText(frame, sequence), cancellationToken));

        public async Task SendAsync(byte[] text, CancellationToken cancellationToken)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(text.AsMemory(), WebSocketMessageType.Text, true, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // The socket's own keep-alive pings are the heartbeat.
        public Task HeartbeatAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task GoodbyeAsync(CancellationToken cancellationToken) =>
            socket.CloseOutputAsync(ServiceRestart, "service restart", cancellationToken);

        public Task RemovedAsync(CancellationToken cancellationToken) =>
            socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "removed by an operator", cancellationToken);
    }
}
