using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Signaling.Contract;

/// <summary>
/// The kit's only way to the gateway: sends a request, reads the answer, and checks the exchange against the surface's
/// committed OpenAPI document — an answer the document does not describe fails the check that made it.
/// </summary>
public sealed class Wire(Uri baseAddress, OpenApiDocuments documents) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
    private readonly List<EventFeed> _feeds = [];

    public Uri BaseAddress => baseAddress;

    public OpenApiDocuments Documents => documents;

    public Task<WireAnswer> PostJsonAsync(string path, object? body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonSerializer.Serialize(body), "application/json", headers);

    public Task<WireAnswer> PostFormAsync(string path, IReadOnlyDictionary<string, string> form, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(HttpMethod.Post, path, string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")),
            "application/x-www-form-urlencoded", headers);

    public async Task<WireAnswer> SendAsync(HttpMethod method, string path, string? body, string? contentType, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "application/json");
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new ContractFailure($"{method} {path}: no answer ({ex.Message})");
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var pathOnly = path.Split('?')[0];
            var violations = new ConcurrentQueue<string>();
            documents.CheckExchange(violations, method.Method, pathOnly, body is null ? null : Encoding.UTF8.GetBytes(body), request.Content?.Headers.ContentType?.ToString(),
                (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
            if (!violations.IsEmpty)
            {
                throw new ContractFailure($"the answer does not match the document: {string.Join(" | ", violations)}");
            }

            var parsed = default(JsonElement);
            if (bytes.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            {
                parsed = JsonDocument.Parse(bytes).RootElement.Clone();
            }

            var answerHeaders = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            return new WireAnswer(documents.OperationOf(method.Method, pathOnly) ?? $"{method.Method} {pathOnly}", response.StatusCode, parsed, answerHeaders);
        }
    }

    /// <summary>Opens a surface's event stream (SSE) at <paramref name="pathAndQuery"/>; it stays open until the wire is disposed.</summary>
    public async Task<EventFeed> ListenAsync(string pathAndQuery, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var feed = await EventFeed.OpenAsync(baseAddress, pathAndQuery, headers, documents);
        _feeds.Add(feed);
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        _http.Dispose();
    }
}
