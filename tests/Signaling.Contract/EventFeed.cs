using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Signaling.Contract;

/// <summary>One event stream (Server-Sent Events), read in the background; each frame is checked against the stream's event schemas.</summary>
public sealed class EventFeed : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Frame> _frames = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly string _path;
    private Task _reader = Task.CompletedTask;

    private EventFeed(HttpClient http, string path) => (_http, _path) = (http, path);

    public sealed record Frame(string Name, JsonElement Data, string? Violation);

    public static async Task<EventFeed> OpenAsync(Uri baseAddress, string pathAndQuery, IEnumerable<KeyValuePair<string, string>>? headers, OpenApiDocuments documents)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var feed = new EventFeed(http, pathAndQuery.Split('?')[0]);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd("text/event-stream");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            using var opening = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, opening.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            http.Dispose();
            throw new ContractFailure($"GET {feed._path}: the stream did not open ({ex.Message})");
        }

        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            http.Dispose();
            throw new ContractFailure($"GET {feed._path}: the stream answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}: {body[..Math.Min(body.Length, 200)]}");
        }

        feed._reader = feed.ReadAsync(response, documents);
        return feed;
    }

    /// <summary>The next frame named <paramref name="name"/> (and matching <paramref name="match"/>) not yet taken; frames before it stay for later waits.</summary>
    public async Task<Frame> WaitForAsync(string name, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            lock (_frames)
            {
                var found = _frames.FindIndex(f => f.Name == name && (match is null || match(f.Data)));
                if (found >= 0)
                {
                    var frame = _frames[found];
                    _frames.RemoveAt(found);
                    return frame.Violation is null ? frame : throw new ContractFailure($"the '{name}' frame does not match the document: {frame.Violation}");
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                string seen;
                lock (_frames)
                {
                    seen = string.Join(", ", _frames.Select(f => f.Name));
                }

                throw new ContractFailure($"no '{name}' on {_path} within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds:0.#} s (unread: {(seen.Length == 0 ? "none" : seen)})");
            }
        }
    }

    private async Task ReadAsync(HttpResponseMessage response, OpenApiDocuments documents)
    {
        using var _ = response;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token), Encoding.UTF8);
            string? name = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        Add(documents, name ?? "message", data.ToString());
                    }

                    name = null;
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) { name = line[6..].Trim(); }
                else if (line.StartsWith("data:", StringComparison.Ordinal)) { data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart()); }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by us or by the gateway; a wait for a frame that never came says so.
        }
    }

    private void Add(OpenApiDocuments documents, string name, string text)
    {
        JsonElement data;
        try
        {
            data = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            data = JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement.Clone();
        }

        var violations = new ConcurrentQueue<string>();
        documents.CheckFrame(violations, _path, name, data);
        lock (_frames)
        {
            _frames.Add(new Frame(name, data, violations.IsEmpty ? null : string.Join(" | ", violations)));
        }

        _arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _http.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }
}
