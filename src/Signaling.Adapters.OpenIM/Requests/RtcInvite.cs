using System.Globalization;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>The SDK's invitation (reference B.2 InvitationInfo / JS RtcInvite). timeout 0 becomes the SDK's default, 3600 s.</summary>
public sealed record RtcInvite(
    string? InviterUserID = null,
    IReadOnlyList<string>? InviteeUserIDList = null,
    string? CustomData = null,
    string? GroupID = null,
    string? RoomID = null,
    int? Timeout = null,
    string? MediaType = null,
    int? SessionType = null,
    int? PlatformID = null,
    long? InitiateTime = null,
    IReadOnlyList<string>? BusyLineUserIDList = null)
{
    public const int DefaultTimeoutSeconds = 3600;

    /// <summary>The invitation as OpenIM shows it: every invitee asked (busy ones too), the session type, the inviter's platform.</summary>
    public static RtcInvite From(InvitationView invitation) => new(
        invitation.Inviter.UserId,
        invitation.Invitees.Select(i => i.UserId).Concat(invitation.Busy).ToList(),
        invitation.Data,
        invitation.GroupId ?? "",
        invitation.RoomId,
        invitation.TimeoutSeconds,
        invitation.MediaType == Signaling.Core.Invitations.MediaType.Audio ? "audio" : "video",
        invitation.GroupId is null ? 1 : 2,
        int.TryParse(invitation.Inviter.DeviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var platform) ? platform : 0,
        invitation.CreatedAt.ToUnixTimeSeconds(),
        invitation.Busy);
}
