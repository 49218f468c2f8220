using System.Text.Json;

namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>
/// Signal*Req (reference B.2): {opUserID, invitation, offlinePushInfo, participant}. The old JS docs send the RtcInvite
/// flat instead of under <c>invitation</c> (seed 002); both are accepted. The inviter's <c>participant</c> is kept with
/// the invitation and handed to the invitees' callbacks (audit O-5).
/// </summary>
public sealed record SignalRequest
{
    public string? OpUserID { get; init; }

    public RtcInvite? Invitation { get; init; }

    public OpenIMOfflinePushInfo? OfflinePushInfo { get; init; }

    public JsonElement? Participant { get; init; }

    public string? InviterUserID { get; init; }

    public IReadOnlyList<string>? InviteeUserIDList { get; init; }

    public string? CustomData { get; init; }

    public string? GroupID { get; init; }

    public string? RoomID { get; init; }

    public int? Timeout { get; init; }

    public string? MediaType { get; init; }

    public int? SessionType { get; init; }

    public int? PlatformID { get; init; }

    /// <summary>The invitation, whichever of the two shapes was sent; null when neither was.</summary>
    public RtcInvite? Resolve() =>
        Invitation ?? (InviteeUserIDList is null && RoomID is null
            ? null
            : new RtcInvite(InviterUserID, InviteeUserIDList, CustomData, GroupID, RoomID, Timeout, MediaType, SessionType, PlatformID));
}
