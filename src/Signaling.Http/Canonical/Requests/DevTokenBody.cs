namespace Signaling.Http.Canonical.Requests;

public sealed record DevTokenBody(string? UserId, string? DeviceId = null);
