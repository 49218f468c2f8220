using Signaling.Core.Errors;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Canonical errors → Agora ecodes (reference B.5). Call failures are INVITE_E_* (700 other, 703 peer offline), message
/// limits SENDMESSAGE_E_OTHER (400), and the rest the GENERAL_E_* codes: 1003 not logged in, 1004 wrong parameter,
/// 1005 parameter too large, 1001 failed.
/// </summary>
public static class AgoraErrorMap
{
    public const int InviteFailed = 700;
    public const int Reinvite = 701;
    public const int PeerOffline = 703;
    public const int InviteTimeout = 704;
    public const int SendFailed = 400;
    public const int Failed = 1001;
    public const int NotLoggedIn = 1003;
    public const int WrongParam = 1004;
    public const int LargeParam = 1005;

    private static readonly IReadOnlyDictionary<SignalingErrorCode, int> Codes = new Dictionary<SignalingErrorCode, int>
    {
        [SignalingErrorCode.InvalidArgument] = WrongParam,
        [SignalingErrorCode.PayloadTooLarge] = LargeParam,
        [SignalingErrorCode.Unauthenticated] = NotLoggedIn,
        [SignalingErrorCode.PermissionDenied] = Failed,
        [SignalingErrorCode.InvitationNotFound] = InviteFailed,
        [SignalingErrorCode.AlreadyAccepted] = InviteFailed,
        [SignalingErrorCode.AlreadyRejected] = InviteFailed,
        [SignalingErrorCode.AlreadyCancelled] = InviteFailed,
        [SignalingErrorCode.Expired] = InviteTimeout,
        [SignalingErrorCode.CallNotConnected] = InviteFailed,
        [SignalingErrorCode.CallEnded] = InviteFailed,
        [SignalingErrorCode.ChannelNotFound] = Failed,
        [SignalingErrorCode.ChannelExists] = Failed,
        [SignalingErrorCode.AlreadyInChannel] = Failed,
        [SignalingErrorCode.AlreadyInChannelOnOtherDevice] = Failed,
        [SignalingErrorCode.NotInChannel] = Failed,
        [SignalingErrorCode.ChannelFull] = 300,
        [SignalingErrorCode.UidConflict] = 300,
        [SignalingErrorCode.PeerOffline] = PeerOffline,
        [SignalingErrorCode.Busy] = InviteFailed,
        [SignalingErrorCode.RateLimited] = SendFailed,
        [SignalingErrorCode.Conflict] = 1002,
        [SignalingErrorCode.Unavailable] = 1002,
    };

    public static IEnumerable<SignalingErrorCode> Mapped => Codes.Keys;

    public static int For(SignalingErrorCode code) => Codes[code];
}
