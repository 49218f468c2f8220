namespace Signaling.Core.Ports;

public sealed record DueTimeout(string InvitationId, DateTimeOffset DueAt);
