namespace Signaling.Adapters.Tencent.Callbacks;

// V2TIMSignalingListener callback parameters, named as in the SDK (seed 001, reference A.6).
public sealed record OnReceiveNewInvitation(string InviteID, string Inviter, string GroupID, IReadOnlyList<string> InviteeList, string Data);

public sealed record OnInviteeAnswered(string InviteID, string Invitee, string Data);

public sealed record OnInvitationCancelled(string InviteID, string Inviter, string Data);

public sealed record OnInvitationTimeout(string InviteID, IReadOnlyList<string> InviteeList);

public sealed record OnInvitationModified(string InviteID, string Data);
