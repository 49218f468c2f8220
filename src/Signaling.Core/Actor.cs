namespace Signaling.Core;

/// <summary>Who acts: a user, and the device they act from when the client says which.</summary>
public sealed record Actor(string UserId, string? DeviceId = null)
{
    /// <summary>The surface the user acted through ("v1", "tencent", …) when known: call records say who used what.</summary>
    public string? Surface { get; init; }

    /// <summary>The gateway itself, for what its clock decides (timeouts). Not a valid user id, so never a user.</summary>
    public static Actor Server { get; } = new("$server", "$server");
}
