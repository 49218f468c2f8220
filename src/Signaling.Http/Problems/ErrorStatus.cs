using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;

namespace Signaling.Http.Problems;

/// <summary>The canonical API's HTTP status for each canonical error.</summary>
public static class ErrorStatus
{
    public static int For(SignalingErrorCode code) => code switch
    {
        SignalingErrorCode.InvalidArgument => StatusCodes.Status400BadRequest,
        SignalingErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        SignalingErrorCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        SignalingErrorCode.PermissionDenied or SignalingErrorCode.NotInChannel => StatusCodes.Status403Forbidden,
        SignalingErrorCode.InvitationNotFound or SignalingErrorCode.ChannelNotFound => StatusCodes.Status404NotFound,
        SignalingErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        SignalingErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };
}
