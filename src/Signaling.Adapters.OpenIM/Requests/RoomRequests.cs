namespace Signaling.Adapters.OpenIM.Requests;

public sealed record GetRoomByGroupIDRequest(string? GroupID, string? OpUserID = null);

public sealed record GetTokenByRoomIDRequest(string? RoomID, string? OpUserID = null);

/// <summary><c>clientMsgID</c> names the invitation: its inviteID (the <c>id</c> of the canonical invitation).</summary>
public sealed record RtcInvitationInfoRequest(string? ClientMsgID);
