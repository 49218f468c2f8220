namespace Signaling.Adapters.Tencent.Requests;

/// <summary><c>cancel / accept / reject / modifyInvitation(inviteID, data)</c>.</summary>
public sealed record InvitationRequest(string? InviteID, string? Data = null);
