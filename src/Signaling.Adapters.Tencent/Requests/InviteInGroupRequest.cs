namespace Signaling.Adapters.Tencent.Requests;

/// <summary><c>inviteInGroup(groupID, inviteeList, data, timeout, onlineUserOnly)</c>; the JS SDK also takes offlinePushInfo (audit T-6).</summary>
public sealed record InviteInGroupRequest(
    string? GroupID, IReadOnlyList<string>? InviteeList, string? Data = null, int? Timeout = null, bool? OnlineUserOnly = null,
    V2TimOfflinePushInfo? OfflinePushInfo = null);
