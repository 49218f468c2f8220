namespace Signaling.Http.Canonical.Requests;

/// <summary>Custom data sent with an accept, reject, cancel, hang-up, join, leave or close.</summary>
public sealed record ActionBody(string? Data = null);
