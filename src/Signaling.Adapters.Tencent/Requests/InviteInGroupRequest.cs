namespace Signaling.Adapters.Tencent.Requests;

/// <summary><c>inviteInGroup(groupID, inviteeList, data, timeout, onlineUserOnly)</c>.</summary>
public sealed record InviteInGroupRequest(string? GroupID, IReadOnlyList<string>? InviteeList, string? Data = null, int? Timeout = null, bool? OnlineUserOnly = null);
