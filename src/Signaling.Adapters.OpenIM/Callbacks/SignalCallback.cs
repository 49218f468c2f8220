using System.Text.Json;
using Signaling.Adapters.OpenIM.Requests;

namespace Signaling.Adapters.OpenIM.Callbacks;

/// <summary>
/// The JSON every OnSignalingListener callback carries: the Signal*Req of the action (reference B.4) — who acted,
/// the invitation, and for answers the answering platform; a timeout names the invitee in <c>userID</c>.
/// </summary>
public sealed record SignalCallback(
    string OpUserID,
    RtcInvite Invitation,
    OpenIMOfflinePushInfo? OfflinePushInfo = null,
    int? OpUserPlatformID = null,
    string? UserID = null,
    JsonElement? Participant = null);

/// <summary>onRoomParticipantConnected / Disconnected: {invitation, participant[], groupID}.</summary>
public sealed record RoomParticipants(RtcInvite Invitation, IReadOnlyList<Participant> Participant, string GroupID);

public sealed record Participant(PublicUserInfo UserInfo);

public sealed record PublicUserInfo(string UserID);
