namespace Signaling.Core;

/// <summary>Who acts: a user, and the device they act from when the client says which.</summary>
public sealed record Actor(string UserId, string? DeviceId = null);
