using Signaling.Core.Errors;

namespace Signaling.Adapters.Nim;

/// <summary>
/// Canonical errors → NIM result codes (reference A.5 for signaling, A.6 for the common server codes). An invitation
/// that is missing, cancelled or past its validity is 10408; already rejected 10409; already accepted 10410.
/// </summary>
public static class NimErrorMap
{
    public const int BadParameter = 414;
    public const int BadCredentials = 302;
    public const int PeerOffline = 10201;

    /// <summary>Offline, and the app server was asked to push (webhook push.requested): the reading of NIM's 10202.</summary>
    public const int PeerOfflinePushed = 10202;

    /// <summary>The note that comes with 10201 or 10202 (both successes).</summary>
    public static string OfflineMessage(int code) => code == PeerOfflinePushed
        ? "PEER_OFFLINE: the invitee is not online; the app server was asked to push the invitation (webhook push.requested)."
        : "PEER_OFFLINE: the invitee is not online; with offlineEnabled it gets the invitation from signalingSync.";

    private static readonly IReadOnlyDictionary<SignalingErrorCode, int> Codes = new Dictionary<SignalingErrorCode, int>
    {
        [SignalingErrorCode.InvalidArgument] = BadParameter,
        [SignalingErrorCode.PayloadTooLarge] = BadParameter,
        [SignalingErrorCode.Unauthenticated] = BadCredentials,
        [SignalingErrorCode.PermissionDenied] = 403,
        [SignalingErrorCode.InvitationNotFound] = 10408,
        [SignalingErrorCode.AlreadyAccepted] = 10410,
        [SignalingErrorCode.AlreadyRejected] = 10409,
        [SignalingErrorCode.AlreadyCancelled] = 10408,
        [SignalingErrorCode.Expired] = 10408,
        [SignalingErrorCode.CallNotConnected] = 10408,
        [SignalingErrorCode.CallEnded] = 10408,
        [SignalingErrorCode.ChannelNotFound] = 10404,
        [SignalingErrorCode.ChannelExists] = 10405,
        [SignalingErrorCode.NotInChannel] = 10406,
        [SignalingErrorCode.AlreadyInChannel] = 10407,
        [SignalingErrorCode.UidConflict] = 10417,
        [SignalingErrorCode.ChannelFull] = 10419,
        [SignalingErrorCode.AlreadyInChannelOnOtherDevice] = 10420,
        [SignalingErrorCode.PeerOffline] = PeerOffline,
        [SignalingErrorCode.Busy] = 417,
        [SignalingErrorCode.RateLimited] = 416,
        [SignalingErrorCode.Conflict] = 500,
        [SignalingErrorCode.Unavailable] = 503,
    };

    /// <summary>The web SDK replaces an error's message with these names (N6/N9 <c>parseAvSignalError</c>, audit N-6).</summary>
    private static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>
    {
        [10404] = "ROOM_NOT_EXISTS", [10405] = "ROOM_HAS_EXISTS", [10406] = "ROOM_MEMBER_NOT_EXISTS", [10407] = "ROOM_MEMBER_HAS_EXISTS",
        [10408] = "INVITE_NOT_EXISTS", [10409] = "INVITE_HAS_REJECT", [10410] = "INVITE_HAS_ACCEPT", [10201] = "PEER_NIM_OFFLINE",
        [10202] = "PEER_PUSH_OFFLINE", [10419] = "ROOM_MEMBER_EXCEED", [10420] = "ROOM_MEMBER_HAS_EXISTS_OTHER_CLIENT", [10417] = "UID_CONFLICT",
    };

    public static IEnumerable<SignalingErrorCode> Mapped => Codes.Keys;

    /// <summary>The client's error message: the SDK's symbolic name for signaling codes, else <paramref name="text"/>.</summary>
    public static string Message(int code, string text) => Names.GetValueOrDefault(code, text);

    public static int For(SignalingErrorCode code) => Codes[code];
}
