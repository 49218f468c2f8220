namespace Signaling.Core.Errors;

/// <summary>
/// The one canonical error catalogue. Every adapter maps every value to its vendor's code;
/// the canonical API returns the name as ProblemDetails <c>code</c>.
/// </summary>
public enum SignalingErrorCode
{
    InvalidArgument,
    PayloadTooLarge,
    Unauthenticated,
    PermissionDenied,
    InvitationNotFound,
    AlreadyAccepted,
    AlreadyRejected,
    AlreadyCancelled,
    Expired,
    CallNotConnected,
    CallEnded,
    ChannelNotFound,
    ChannelExists,
    AlreadyInChannel,
    AlreadyInChannelOnOtherDevice,
    NotInChannel,
    ChannelFull,
    UidConflict,
    PeerOffline,
    Busy,
    RateLimited,
    Conflict,
    Unavailable,
}
