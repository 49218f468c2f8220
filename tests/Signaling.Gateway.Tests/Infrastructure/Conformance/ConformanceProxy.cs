using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Signaling.Contract;
using Yarp.ReverseProxy.Forwarder;

namespace Signaling.Gateway.Tests.Infrastructure.Conformance;

/// <summary>
/// A reverse proxy in the test process between the tests and a gateway process (YARP's forwarder, so WebSockets and
/// event streams pass as they are): every exchange is checked against the committed OpenAPI documents by
/// <see cref="OpenApiDocuments"/>. Streams pass unbuffered; their frames are checked by the tests' stream readers.
/// </summary>
public sealed class ConformanceProxy : IAsyncDisposable
{
    private const int MaxCaptured = 1024 * 1024;
    private readonly WebApplication _app;

    private ConformanceProxy(WebApplication app, ConcurrentQueue<string> violations) => (_app, Violations) = (app, violations);

    /// <summary>The committed documents (openapi/*.json) every exchange is checked against.</summary>
    public static OpenApiDocuments Documents { get; } = new(Path.Combine(GatewayProcess.RepositoryRoot, "openapi"));

    /// <summary>What did not match the documents: exchanges found here, and stream frames the tests' readers report.</summary>
    public ConcurrentQueue<string> Violations { get; }

    public static async Task<ConformanceProxy> StartAsync(int port, Uri gateway)
    {
        var violations = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null; // The gateway judges sizes.
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false,
        });
        var forwarding = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(5) };
        app.Run(async context =>
        {
            var requestBody = await CaptureRequestAsync(context.Request);
            var original = context.Response.Body;
            await using var tee = new TeeStream(original, () => !IsStream(context.Response.ContentType), MaxCaptured);
            context.Response.Body = tee;
            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            var error = await forwarder.SendAsync(context, gateway.ToString(), invoker, forwarding);
            context.Response.Body = original;
            if (error == ForwarderError.None && !context.WebSockets.IsWebSocketRequest && !IsStream(context.Response.ContentType) && !tee.Overflowed)
            {
                await context.Response.CompleteAsync(); // The client has its answer before the check runs.
                Documents.CheckExchange(violations, context.Request.Method, context.Request.Path.Value ?? "/", requestBody, context.Request.ContentType,
                    context.Response.StatusCode, context.Response.ContentType, tee.Captured);
            }
        });
        await app.StartAsync();
        return new ConformanceProxy(app, violations);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IsStream(string? contentType) => contentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true;

    /// <summary>The request body, read and rewound so the forwarder still sends it (null when there is none or it is too large).</summary>
    private static async Task<byte[]?> CaptureRequestAsync(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return null;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: 16 * 1024 * 1024);
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        request.Body.Position = 0;
        return copy.Length <= MaxCaptured ? copy.ToArray() : null;
    }

    /// <summary>Passes writes through to the client, keeping a copy of a bounded, non-stream body.</summary>
    private sealed class TeeStream(Stream inner, Func<bool> capture, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public byte[] Captured => _copy.ToArray();

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (!capture() || Overflowed)
            {
                return;
            }

            if (_copy.Length + bytes.Length > limit)
            {
                Overflowed = true;
                return;
            }

            _copy.Write(bytes);
        }
    }
}
