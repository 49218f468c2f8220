using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Signaling.Core.Errors;
using Signaling.Core.Ports;
using Signaling.Http.Validation;

namespace Signaling.Http.Problems;

/// <summary>
/// Turns what the framework throws for unreadable requests (malformed JSON, wrong types, a body over the size
/// limit) into a ProblemDetails that names the problem, and anything unexpected into a 500 without internals.
/// </summary>
public sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger, Signaling.Core.SignalingMetrics metrics) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Refuse(httpContext, TooLarge),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } bad =>
                SurfaceStatusCodePages.WriterFor(httpContext).Unroutable(StatusCodes.Status415UnsupportedMediaType, bad.Message),
            BadHttpRequestException bad when bad.InnerException is JsonException json => Refuse(httpContext, Describe(json)),
            BadHttpRequestException bad => Refuse(httpContext, SignalingError.Invalid("body", bad.Message)),
            // A JSON body in a charset .NET does not know ("application/json; charset=ebcdic").
            InvalidOperationException { InnerException: ArgumentException, Source: "Microsoft.AspNetCore.Http.Extensions" } bad =>
                SurfaceStatusCodePages.WriterFor(httpContext).Unroutable(StatusCodes.Status415UnsupportedMediaType, bad.Message),
            // A form the framework cannot parse (a NUL, a key over 2,048 characters, too many fields).
            InvalidDataException bad => Refuse(httpContext, SignalingError.Invalid("body", $"The form cannot be read: {bad.Message}")),
            // System.Text.Json refuses text that is not valid UTF-8, lone surrogates, or an element of the wrong kind
            // when a handler reads a JSON value it took as-is.
            InvalidOperationException { Source: { } source } when source.StartsWith("System.Text.Json", StringComparison.Ordinal) =>
                Refuse(httpContext, SignalingError.Invalid("body", "The body holds text that is not valid UTF-8 or UTF-16, or a value of the wrong kind.")),
            _ => null,
        };
        if (exception is StoreUnavailableException)
        {
            // Nothing was changed; the client may retry once the store is back.
            metrics.StoreUnavailable();
            httpContext.Response.Headers.RetryAfter = "1";
            problem = Problems.From(StoreUnavailable);
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Internal;
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    public static SignalingError StoreUnavailable { get; } =
        new(SignalingErrorCode.Unavailable, "The gateway's store is unavailable right now; nothing was changed. Try again shortly.");

    public static SignalingError TooLarge { get; } =
        new(SignalingErrorCode.PayloadTooLarge, "The request body is larger than the gateway accepts.", "body");

    /// <summary>The refusal in the shape of the surface the request was for; ProblemDetails when no surface matched.</summary>
    public static IResult Refuse(HttpContext httpContext, SignalingError error) =>
        SurfaceStatusCodePages.WriterFor(httpContext).Invalid(new Dictionary<string, string[]> { [error.Field ?? "body"] = [error.Message] }, error.Code);

    /// <summary>A wrong type names its field ("$.timeoutSeconds" → "timeoutSeconds"); broken syntax names its position.</summary>
    public static SignalingError Describe(JsonException json)
    {
        var wrongType = json.Message.Contains("could not be converted", StringComparison.Ordinal)
                        && json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal);
        return wrongType
            ? SignalingError.Invalid(json.Path![2..], $"'{json.Path[2..]}' has the wrong type.")
            : SignalingError.Invalid("body", $"The body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
    }
}
