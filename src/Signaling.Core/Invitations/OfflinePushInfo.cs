namespace Signaling.Core.Invitations;

/// <summary>What a push service shows an offline invitee. The gateway stores and forwards it; it sends no pushes itself.</summary>
public sealed record OfflinePushInfo(string? Title = null, string? Content = null, string? Payload = null, int? Badge = null);
