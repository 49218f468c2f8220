namespace Signaling.Core.Events;

/// <summary>A decision's "tell this user this": the aggregate says who learns what; the service turns it into events.</summary>
public sealed record Notice(string Recipient, EventKind Kind, IReadOnlyList<string>? Users = null);
