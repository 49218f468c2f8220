namespace Signaling.Http.Canonical.Requests;

public sealed record AttributeBody(string? Value);
