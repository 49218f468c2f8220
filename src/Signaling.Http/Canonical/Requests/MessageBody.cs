namespace Signaling.Http.Canonical.Requests;

/// <summary>A text message, at most 12 KB.</summary>
public sealed record MessageBody(string? Message);
