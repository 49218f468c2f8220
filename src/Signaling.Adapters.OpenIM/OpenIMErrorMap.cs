using Signaling.Core.Errors;
using Signaling.Adapters.OpenIM.Auth;

namespace Signaling.Adapters.OpenIM;

/// <summary>
/// Canonical errors → OpenIM codes (reference B.7): v3 by default, v2 when <c>Adapters:OpenIM:ErrorCodes = v2</c>.
/// The RTC server's own rejections were never published; the mapping follows B.7's suggestion (not a participant →
/// no permission; no such call → record not found / args failed; a call already answered → status abnormal).
/// </summary>
public sealed class OpenIMErrorMap(bool v2)
{
    private static readonly IReadOnlyDictionary<SignalingErrorCode, (int V3, int V2)> Pairs = new Dictionary<SignalingErrorCode, (int, int)>
    {
        [SignalingErrorCode.InvalidArgument] = (1001, 803),
        [SignalingErrorCode.PayloadTooLarge] = (1001, 803),
        [SignalingErrorCode.Unauthenticated] = (1502, 702),
        [SignalingErrorCode.PermissionDenied] = (1002, 801),
        [SignalingErrorCode.InvitationNotFound] = (1004, 803),
        [SignalingErrorCode.AlreadyAccepted] = (1004, 804),
        [SignalingErrorCode.AlreadyRejected] = (1004, 804),
        [SignalingErrorCode.AlreadyCancelled] = (1004, 804),
        [SignalingErrorCode.Expired] = (1004, 804),
        [SignalingErrorCode.CallNotConnected] = (1004, 804),
        [SignalingErrorCode.CallEnded] = (1004, 804),
        [SignalingErrorCode.ChannelNotFound] = (1004, 803),
        [SignalingErrorCode.ChannelExists] = (1003, 803),
        [SignalingErrorCode.AlreadyInChannel] = (1003, 804),
        [SignalingErrorCode.AlreadyInChannelOnOtherDevice] = (1003, 804),
        [SignalingErrorCode.NotInChannel] = (1002, 801),
        [SignalingErrorCode.ChannelFull] = (1001, 804),
        [SignalingErrorCode.UidConflict] = (1003, 804),
        [SignalingErrorCode.PeerOffline] = (1004, 804),
        [SignalingErrorCode.Busy] = (1004, 804),
        [SignalingErrorCode.RateLimited] = (500, 810),
        [SignalingErrorCode.Conflict] = (500, 500),
        [SignalingErrorCode.Unavailable] = (500, 500),
    };

    public static IEnumerable<SignalingErrorCode> Mapped => Pairs.Keys;

    public int For(SignalingErrorCode code) => v2 ? Pairs[code].V2 : Pairs[code].V3;

    /// <summary>
    /// A signaling method's refusal as the app sees it. The v2 SDK turns any server refusal into <c>errors.New("code:msg")</c>
    /// and reports it as 3003 (audit O-2: OC ws.go WaitResp, signaling.go handleSignaling); v3 answers the code itself.
    /// </summary>
    public (int Code, string Message) Signaling(SignalingErrorCode code, string message) =>
        v2 ? (SdkSignalingFailure, $"{For(code)}:{message}") : (For(code), message);

    /// <summary>
    /// A token refused on the v2 server's <c>/third/get_rtc_*</c> routes: errCode 500, as that server answers (audit O-2,
    /// OS rtc.go); elsewhere, and on v3, the token codes.
    /// </summary>
    public int ForToken(JwtFailure failure, bool thirdPartyRoute) => v2 && thirdPartyRoute ? 500 : For(failure);

    private const int SdkSignalingFailure = 3003;

    /// <summary>Token problems: v3 1501 expired, 1502 invalid, 1503 malformed, 1504 not yet valid, 1505 unknown; v2 701–705.</summary>
    public int For(JwtFailure failure) => (failure switch
    {
        JwtFailure.Expired => 1,
        JwtFailure.Invalid => 2,
        JwtFailure.Malformed or JwtFailure.NoExpiry or JwtFailure.BadUserId => 3,
        JwtFailure.NotYetValid => 4,
        _ => 5,
    }) + (v2 ? 700 : 1500);
}
