using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>A live Server-Sent Events connection, read in the background, as a browser's EventSource would.</summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private Task _reading = Task.CompletedTask;

    private readonly GatewayProcess _gateway;
    private readonly string _path;

    private SseStream(HttpClient http, GatewayProcess gateway, string path) => (_http, _gateway, _path) = (http, gateway, path);

    public int Heartbeats { get; private set; }

    public static Task<SseStream> OpenAsync(GatewayProcess gateway, string token, long? lastEventId = null) =>
        OpenAsync(gateway, "/v1/events", token, lastEventId);

    /// <summary>Any surface's stream: <paramref name="pathAndQuery"/> carries the credentials when <paramref name="bearer"/> is null.</summary>
    public static async Task<SseStream> OpenAsync(GatewayProcess gateway, string pathAndQuery, string? bearer, long? lastEventId)
    {
        var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var stream = new SseStream(http, gateway, pathAndQuery.Split('?')[0]);
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stream._stop.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        stream._reading = stream.ReadAsync(await response.Content.ReadAsStreamAsync(stream._stop.Token));
        return stream;
    }

    /// <summary>The next event, or a failure naming what was awaited.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await _events.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No event arrived in time.");
        }
    }

    /// <summary>Skips events until one named <paramref name="name"/> arrives.</summary>
    public async Task<SseEvent> WaitForAsync(string name, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No '{name}' event arrived in time.");
            }

            var next = await NextAsync(left);
            if (next.Name == name)
            {
                return next;
            }
        }
    }

    /// <summary>Everything that arrives within <paramref name="window"/>.</summary>
    public async Task<List<SseEvent>> DrainAsync(TimeSpan window)
    {
        var received = new List<SseEvent>();
        using var wait = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                received.Add(await _events.Reader.ReadAsync(wait.Token));
            }
        }
        catch (OperationCanceledException)
        {
            return received;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed on purpose.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        long id = 0;
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    var frame = new SseEvent(id, name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                    if (frame.Name is not "reconnect" and not "removed")
                    {
                        _gateway.CheckFrame(_path, frame.Name, frame.Data); // The gateway's goodbyes are not events.
                    }

                    await _events.Writer.WriteAsync(frame);
                }

                (name, data) = (null, null);
            }
            else if (line.StartsWith(": heartbeat", StringComparison.Ordinal))
            {
                Heartbeats++;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }
}
