namespace Signaling.Core.Invitations;

/// <summary>
/// One action in an invitation's life, numbered from 1 (the invite). Every event an action causes carries its
/// number, so surfaces can name the action the same way for every recipient (a vendor message id, say) and look
/// it up later. <see cref="Status"/> and <see cref="States"/> (each invitee's, in the invitation's order) are what
/// the action left: with them the invitation can show itself as it was at any step (<see cref="Invitation.ViewAt"/>),
/// so the event log need not keep a copy of it in every event. Steps recorded before they existed have neither.
/// </summary>
public sealed record InvitationStep(
    int Number,
    InvitationAction Action,
    Actor Actor,
    IReadOnlyList<string> Users,
    string Data,
    DateTimeOffset At,
    InvitationStatus? Status = null,
    IReadOnlyList<InviteeState>? States = null);
