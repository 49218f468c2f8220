using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Signaling.Core.Errors;

namespace Signaling.Http.Problems;

/// <summary>RFC 9457 problem responses carrying the canonical error name as <c>code</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult From(SignalingError error)
    {
        var status = ErrorStatus.For(error.Code);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code.ToString() };
        if (error.Field is not null)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: Title(error.Code), extensions: extensions);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, SignalingErrorCode code = SignalingErrorCode.InvalidArgument)
    {
        var detail = string.Join(" ", errors.SelectMany(e => e.Value));
        return TypedResults.Problem(detail, statusCode: ErrorStatus.For(code), title: Title(code),
            extensions: new Dictionary<string, object?> { ["code"] = code.ToString(), ["errors"] = errors });
    }

    /// <summary>A request no endpoint takes; <c>code</c> names the HTTP refusal, since no canonical operation was reached.</summary>
    public static ProblemHttpResult Unroutable(int status, string message)
    {
        var code = status switch
        {
            StatusCodes.Status404NotFound => "RouteNotFound",
            StatusCodes.Status405MethodNotAllowed => "MethodNotAllowed",
            StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
            _ => nameof(SignalingErrorCode.InvalidArgument),
        };
        return TypedResults.Problem(message, statusCode: status, title: SplitWords(code) + ".",
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    /// <summary>A failure of the gateway itself, without its internals (they are logged).</summary>
    public static ProblemHttpResult Internal => TypedResults.Problem("The gateway failed to handle the request; it has been logged.", statusCode: 500,
        title: "Internal error.", extensions: new Dictionary<string, object?> { ["code"] = "Internal" });

    public static string Title(SignalingErrorCode code) => code switch
    {
        SignalingErrorCode.InvalidArgument => "The request is invalid.",
        SignalingErrorCode.PayloadTooLarge => "The request is too large.",
        SignalingErrorCode.Unauthenticated => "Authentication is required.",
        SignalingErrorCode.PermissionDenied => "You may not do this.",
        _ => SplitWords(code.ToString()) + ".",
    };

    private static string SplitWords(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
