namespace Signaling.Core.Events;

/// <summary>A decision's "tell this user this": the aggregate says who learns what; the service turns it into events.</summary>
/// <remarks><paramref name="Device"/>: only this device of the recipient is told (a session that was replaced, say).</remarks>
public sealed record Notice(string Recipient, EventKind Kind, IReadOnlyList<string>? Users = null, string? Device = null);
