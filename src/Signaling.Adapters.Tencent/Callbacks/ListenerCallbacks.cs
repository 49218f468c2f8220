namespace Signaling.Adapters.Tencent.Callbacks;

// V2TIMSignalingListener callback parameters, named as in the SDK (seed 001, reference A.6).
public sealed record OnReceiveNewInvitation(string InviteID, string Inviter, string GroupID, IReadOnlyList<string> InviteeList, string Data);

/// <summary>The native (inviteID, invitee, data), plus the inviter and groupID the JS SDK's events carry (audit T-5).</summary>
public sealed record OnInviteeAnswered(string InviteID, string Invitee, string Data, string Inviter, string GroupID);

public sealed record OnInvitationCancelled(string InviteID, string Inviter, string Data);

/// <summary>The native (inviteID, inviteeList), plus the JS SDK's inviter, groupID and isSelfTimeout (true for an invitee's own timeout, audit T-5).</summary>
public sealed record OnInvitationTimeout(string InviteID, IReadOnlyList<string> InviteeList, string Inviter, string GroupID, bool IsSelfTimeout);

public sealed record OnInvitationModified(string InviteID, string Data);
