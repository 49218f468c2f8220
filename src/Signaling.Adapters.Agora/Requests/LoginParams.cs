namespace Signaling.Adapters.Agora.Requests;

/// <summary>login: the Web SDK's <c>Signal(appId).login(account, token, reconnect_count, reconnect_time)</c>, plus the native deviceID.</summary>
public sealed record LoginParams
{
    public string? Account { get; init; }

    public string? Token { get; init; }

    public int? Reconnect_count { get; init; }

    public int? Reconnect_time { get; init; }

    public string? DeviceID { get; init; }
}
