using System.Diagnostics;
using System.Text;

namespace Signaling.Bench;

/// <summary>
/// Bare Kestrel on the same machine in the same run: one endpoint that takes and returns JSON of an invitation's
/// size. Its round trip is the floor the gateway's figures are divided by, so ratios survive a noisy machine. The
/// same endpoint, reached through the gateway's YARP passthrough, measures what the passthrough adds.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private const int RequestBytes = 80;
    private const int ResponseBytes = 420;
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 });
    private readonly string _body = "{\"data\":\"" + new string('y', RequestBytes - 11) + "\"}";

    private Baseline(WebApplication app) => _app = app;

    /// <summary>The endpoint's address.</summary>
    public Uri Url => new(_app.Urls.First() + "/baseline");

    public static async Task<Baseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var reply = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', ResponseBytes - 11) + "\"}");
        app.MapPost("/baseline", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply);
        });
        await app.StartAsync();
        return new Baseline(app);
    }

    /// <summary>Round-trip latencies at the bench's open-loop rate, against <paramref name="url"/>.</summary>
    public async Task<(Latencies Latencies, double Seconds, int Requests)> MeasureAsync(BenchOptions options, Uri url)
    {
        var latencies = new Latencies();
        await OpenLoop.RunAsync(options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds), () => PostAsync(url, null));
        var clock = Stopwatch.StartNew();
        var requests = await OpenLoop.RunAsync(options.Rate, TimeSpan.FromSeconds(options.DurationSeconds), () => PostAsync(url, latencies));
        return (latencies, clock.Elapsed.TotalSeconds, requests);
    }

    /// <summary>The most requests per second <paramref name="concurrency"/> callers get through, each sending as soon as the last answer came.</summary>
    public async Task<double> MaxThroughputAsync(Uri url, TimeSpan duration, int concurrency = 64)
    {
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await PostAsync(url, null);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task PostAsync(Uri url, Latencies? latencies)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync(url, new StringContent(_body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
