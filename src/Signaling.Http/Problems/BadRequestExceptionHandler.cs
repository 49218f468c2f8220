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
public sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var refusal = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge,
            BadHttpRequestException bad when bad.InnerException is JsonException json => Describe(json),
            BadHttpRequestException bad => SignalingError.Invalid("body", bad.Message),
            _ => null,
        };
        var problem = refusal is null ? null : Refuse(httpContext, refusal);
        if (exception is StoreUnavailableException)
        {
            // Nothing was changed; the client may retry once the store is back.
            httpContext.Response.Headers.RetryAfter = "1";
            problem = Problems.From(new SignalingError(SignalingErrorCode.Unavailable, "The gateway's store is unavailable right now; nothing was changed. Try again shortly."));
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = TypedResults.Problem("The gateway failed to handle the request; it has been logged.", statusCode: 500, title: "Internal error.");
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    public static SignalingError TooLarge { get; } =
        new(SignalingErrorCode.PayloadTooLarge, "The request body is larger than the gateway accepts.", "body");

    /// <summary>The refusal in the shape of the surface the request was for; ProblemDetails when no surface matched.</summary>
    public static IResult Refuse(HttpContext httpContext, SignalingError error) =>
        // The exception-handler middleware clears the endpoint before handlers run; its feature keeps the original.
        (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint())?.Metadata.GetMetadata<IProblemWriter>() is { } writer
            ? writer.Invalid(new Dictionary<string, string[]> { [error.Field ?? "body"] = [error.Message] }, error.Code)
            : Problems.From(error);

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
