using Signaling.Core.Errors;

namespace Signaling.Adapters.Tencent;

/// <summary>
/// Canonical error → Tencent code (reference A.8). Every canonical error has an entry (a test checks).
/// PermissionDenied depends on the method: 8011 for the inviter-only methods (cancel, modify), 8010 for the rest.
/// </summary>
public static class TencentErrorMap
{
    public const int InvalidParameters = 6017;
    public const int InvalidInviteId = 8010;
    public const int NoPermission = 8011;
    public const int AlreadyExists = 8012;
    public const int BodyTooLarge = 8001;
    public const int UserSigMissing = 70002;

    public static IReadOnlyDictionary<SignalingErrorCode, int> Codes { get; } = new Dictionary<SignalingErrorCode, int>
    {
        [SignalingErrorCode.InvalidArgument] = InvalidParameters,
        [SignalingErrorCode.PayloadTooLarge] = BodyTooLarge,
        [SignalingErrorCode.Unauthenticated] = 70001,
        [SignalingErrorCode.PermissionDenied] = InvalidInviteId,
        [SignalingErrorCode.InvitationNotFound] = InvalidInviteId,
        [SignalingErrorCode.AlreadyAccepted] = InvalidInviteId,
        [SignalingErrorCode.AlreadyRejected] = InvalidInviteId,
        [SignalingErrorCode.AlreadyCancelled] = InvalidInviteId,
        [SignalingErrorCode.Expired] = InvalidInviteId,
        [SignalingErrorCode.CallNotConnected] = InvalidInviteId,
        [SignalingErrorCode.CallEnded] = InvalidInviteId,
        [SignalingErrorCode.ChannelNotFound] = InvalidParameters,
        [SignalingErrorCode.ChannelExists] = InvalidParameters,
        [SignalingErrorCode.AlreadyInChannel] = InvalidParameters,
        [SignalingErrorCode.AlreadyInChannelOnOtherDevice] = InvalidParameters,
        [SignalingErrorCode.NotInChannel] = InvalidParameters,
        [SignalingErrorCode.ChannelFull] = InvalidParameters,
        [SignalingErrorCode.UidConflict] = InvalidParameters,
        [SignalingErrorCode.PeerOffline] = 20003,
        [SignalingErrorCode.Busy] = InvalidParameters,
        [SignalingErrorCode.RateLimited] = 7008,
        [SignalingErrorCode.Conflict] = 7008,
        // The SDK's ERR_SDK_INTERNAL_ERROR (audit: 6999 is no V2TIMErrorCode); 20003 above is never raised (no PeerOffline here).
        [SignalingErrorCode.Unavailable] = 7012,
    };

    public static int For(SignalingError error, bool inviterOnlyMethod = false) =>
        error.Code == SignalingErrorCode.PermissionDenied && inviterOnlyMethod ? NoPermission : Codes[error.Code];
}
