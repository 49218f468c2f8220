using Signaling.Adapters.OpenIM.Callbacks;
using Signaling.Adapters.OpenIM.Requests;

namespace Signaling.Adapters.OpenIM;

/// <summary>SignalInviteReply (B.2). serverUrl repeats liveURL for Flutter builds that read that name.</summary>
public sealed record InviteReply(string Token, string RoomID, string LiveURL, string ServerUrl, IReadOnlyList<string> BusyLineUserIDList);

/// <summary>SignalAcceptReply and SignalGetTokenByRoomIDReply: {token, roomID?, liveURL}.</summary>
public sealed record RoomToken(string Token, string? RoomID, string LiveURL, string ServerUrl);

/// <summary>SignalGetRoomByGroupIDReply: the group's ongoing call.</summary>
public sealed record GroupRoom(RtcInvite Invitation, IReadOnlyList<Participant> Participant, string RoomID);

/// <summary>get_rtc_invitation_info / _start_app: the pending invitation that woke the app.</summary>
public sealed record PendingInvitation(string OpUserID, RtcInvite Invitation, OpenIMOfflinePushInfo? OfflinePushInfo);

/// <summary>OpenIM's empty reply object, <c>{}</c>.</summary>
public sealed record Empty;
