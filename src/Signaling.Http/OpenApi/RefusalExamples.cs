using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Http.OpenApi;

/// <summary>
/// Example bodies for refusals, made by running the surface's own <see cref="IProblemWriter"/> — so a vendor's example
/// carries that vendor's real code in its envelope, and the canonical one a ProblemDetails with its real <c>code</c>.
/// </summary>
internal static class RefusalExamples
{
    /// <summary>The canonical error a refusal with this status stands for on this route, or null when none does.</summary>
    public static SignalingErrorCode? CodeFor(int status, string route) => status switch
    {
        StatusCodes.Status400BadRequest => SignalingErrorCode.InvalidArgument,
        StatusCodes.Status401Unauthorized => SignalingErrorCode.Unauthenticated,
        StatusCodes.Status403Forbidden => route.Contains("/channels", StringComparison.Ordinal) ? SignalingErrorCode.NotInChannel : SignalingErrorCode.PermissionDenied,
        StatusCodes.Status404NotFound => route.Contains("/channels", StringComparison.Ordinal) ? SignalingErrorCode.ChannelNotFound : SignalingErrorCode.InvitationNotFound,
        StatusCodes.Status409Conflict => route.Contains("/channels", StringComparison.Ordinal) ? SignalingErrorCode.ChannelExists : SignalingErrorCode.AlreadyAccepted,
        StatusCodes.Status413PayloadTooLarge => SignalingErrorCode.PayloadTooLarge,
        StatusCodes.Status429TooManyRequests => SignalingErrorCode.RateLimited,
        StatusCodes.Status503ServiceUnavailable => SignalingErrorCode.Unavailable,
        _ => null,
    };

    /// <summary>What <paramref name="writer"/> answers for this refusal, as JSON.</summary>
    public static async Task<JsonNode?> WriteAsync(IProblemWriter writer, int status, SignalingErrorCode code, IServiceProvider services)
    {
        var result = status switch
        {
            StatusCodes.Status415UnsupportedMediaType => writer.Unroutable(status, "The body's Content-Type is not application/json."),
            StatusCodes.Status401Unauthorized => writer.Unauthenticated(Message(code)),
            _ => writer.Invalid(new Dictionary<string, string[]> { [Field(code)] = [Message(code)] }, code),
        };
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        var node = JsonNode.Parse(body.ToArray());
        if (node is JsonObject problem && problem.ContainsKey("traceId"))
        {
            problem["traceId"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"; // Different on every request.
        }

        return node;
    }

    private static string Field(SignalingErrorCode code) => code == SignalingErrorCode.InvalidArgument ? "timeoutSeconds" : "body";

    private static string Message(SignalingErrorCode code) => code switch
    {
        SignalingErrorCode.InvalidArgument => "timeoutSeconds must be between 0 and 86400.",
        SignalingErrorCode.Unauthenticated => "The credential is missing, malformed or expired.",
        SignalingErrorCode.PermissionDenied => "You are not part of this invitation.",
        SignalingErrorCode.NotInChannel => "You are not in this channel.",
        SignalingErrorCode.ChannelNotFound => "Channel '9a8b7c6d5e4f30211203f4e5d6c7b8a9' does not exist.",
        SignalingErrorCode.InvitationNotFound => "Invitation '5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7' does not exist.",
        SignalingErrorCode.ChannelExists => "A live channel is already named 'team-standup'.",
        SignalingErrorCode.AlreadyAccepted => "The invitation has already been accepted.",
        SignalingErrorCode.PayloadTooLarge => "The request body is larger than the gateway accepts.",
        SignalingErrorCode.RateLimited => "Too many requests: slow down.",
        SignalingErrorCode.Unavailable => "The gateway's store is unavailable right now; nothing was changed. Try again shortly.",
        _ => code.ToString(),
    };
}
