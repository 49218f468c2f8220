namespace Signaling.Core.Invitations;

/// <summary>The invitation as stored, plus the invitees who were already in a call and so were not rung.</summary>
public sealed record InviteResult(Invitation Invitation, IReadOnlyList<string> Busy, bool Replayed);
