namespace Signaling.Http.Canonical;

/// <summary>The sequence number of the caller's latest event (0 when none): pass it as <c>after</c>.</summary>
public sealed record EventCursor(long After);
