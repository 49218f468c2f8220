namespace Signaling.Core.Invitations;

/// <summary>
/// One action in an invitation's life, numbered from 1 (the invite). Every event an action causes carries its
/// number, so surfaces can name the action the same way for every recipient (a vendor message id, say) and look
/// it up later.
/// </summary>
public sealed record InvitationStep(int Number, InvitationAction Action, Actor Actor, IReadOnlyList<string> Users, string Data, DateTimeOffset At);
