using System.Diagnostics;
using System.Text;

namespace Signaling.Bench;

/// <summary>
/// Bare Kestrel on the same machine in the same run: one endpoint that takes and returns JSON of an invitation's
/// size. Its round trip is the floor the gateway's figures are divided by, so ratios survive a noisy machine.
/// </summary>
internal static class Baseline
{
    public static async Task<(Latencies Latencies, double Seconds, int Requests)> RunAsync(BenchOptions options, int requestBytes, int responseBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var reply = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', responseBytes - 11) + "\"}");
        app.MapPost("/baseline", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply);
        });
        await app.StartAsync();
        var url = new Uri(app.Urls.First() + "/baseline");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 });
        var body = "{\"data\":\"" + new string('y', requestBytes - 11) + "\"}";
        var latencies = new Latencies();
        await OpenLoop.RunAsync(options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds), () => PostAsync(http, url, body, null));
        var clock = Stopwatch.StartNew();
        var requests = await OpenLoop.RunAsync(options.Rate, TimeSpan.FromSeconds(options.DurationSeconds), () => PostAsync(http, url, body, latencies));
        var seconds = clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        return (latencies, seconds, requests);
    }

    private static async Task PostAsync(HttpClient http, Uri url, string body, Latencies? latencies)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
