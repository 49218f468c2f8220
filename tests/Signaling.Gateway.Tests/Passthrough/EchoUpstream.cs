using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Signaling.Gateway.Tests.Passthrough;

/// <summary>A real Kestrel "legacy upstream" on loopback that records each request and echoes it back.</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private WebApplication? _app;

    public ConcurrentQueue<string> Paths { get; } = new();

    public Uri Address { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            Paths.Enqueue(context.Request.Path + context.Request.QueryString);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Upstream"] = "legacy";
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(
                $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} custom={context.Request.Headers["X-Custom"]} body={body}");
        });
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
