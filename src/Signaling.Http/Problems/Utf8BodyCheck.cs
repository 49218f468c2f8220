using System.Buffers;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Signaling.Http.Validation;

namespace Signaling.Http.Problems;

/// <summary>
/// Refuses a JSON body sent to a surface that is not valid UTF-8 (RFC 8259 §8.1) before any endpoint reads it. System.Text.Json checks
/// only the text it decodes, so bad bytes in a property it skips would otherwise slip through as an accepted request.
/// The refusal goes through <see cref="BadRequestExceptionHandler"/>, in the shape of the surface asked.
/// </summary>
public static class Utf8BodyCheck
{
    // Only the surfaces' own endpoints: what the passthrough forwards is the legacy upstream's business. A request with
    // nothing to check goes on without an async frame of this check: an event stream is one request that lasts as long as
    // its connection, and every frame suspended under it is memory held per idle connection.
    public static IApplicationBuilder UseUtf8BodyCheck(this IApplicationBuilder app) => app.Use(next => context =>
        context.GetEndpoint()?.Metadata.GetMetadata<IProblemWriter>() is not null && context.Request.HasJsonContentType() && context.Request.ContentLength is not 0
            ? CheckThenNextAsync(context, next)
            : next(context));

    private static async Task CheckThenNextAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        await CheckAsync(context.Request.Body, context.RequestAborted);
        context.Request.Body.Position = 0;
        await next(context);
    }

    private static async Task CheckAsync(Stream body, CancellationToken cancellationToken)
    {
        // Kestrel's body size limit applies while this reads, so the buffer stays within Limits:MaxRequestBodyBytes.
        var buffer = new ArrayBufferWriter<byte>(4096);
        int read;
        while ((read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken)) > 0)
        {
            buffer.Advance(read);
        }

        if (!Utf8.IsValid(buffer.WrittenSpan))
        {
            throw new BadHttpRequestException("The body is not valid UTF-8.", StatusCodes.Status400BadRequest);
        }
    }
}
