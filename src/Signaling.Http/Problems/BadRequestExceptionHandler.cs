using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Signaling.Core.Errors;

namespace Signaling.Http.Problems;

/// <summary>
/// Turns what the framework throws for unreadable requests (malformed JSON, wrong types, a body over the size
/// limit) into a ProblemDetails that names the problem, and anything unexpected into a 500 without internals.
/// </summary>
public sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.From(new SignalingError(SignalingErrorCode.PayloadTooLarge, "The request body is larger than the gateway accepts (64 KB).", "body")),
            BadHttpRequestException bad when bad.InnerException is JsonException json => Problems.From(Describe(json)),
            BadHttpRequestException bad => Problems.From(SignalingError.Invalid("body", bad.Message)),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = TypedResults.Problem("The gateway failed to handle the request; it has been logged.", statusCode: 500, title: "Internal error.");
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

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
