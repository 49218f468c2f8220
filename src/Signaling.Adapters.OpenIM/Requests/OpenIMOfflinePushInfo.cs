using System.Text.Json.Serialization;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>OpenIM's offline push settings (reference B.2). Stored with the invitation; the gateway sends no pushes itself.
/// The iOS keys keep the proto's casing on output (audit O-4: <c>iOSPushSound</c>, <c>iOSBadgeCount</c>).</summary>
public sealed record OpenIMOfflinePushInfo(
    string? Title = null,
    string? Desc = null,
    string? Ex = null,
    [property: JsonPropertyName("iOSPushSound")] string? IOSPushSound = null,
    [property: JsonPropertyName("iOSBadgeCount")] bool? IOSBadgeCount = null)
{
    public OfflinePushInfo ToCore() => new(Title, Desc, Ex, IOSBadgeCount == true ? 1 : null);

    public static OpenIMOfflinePushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new OpenIMOfflinePushInfo(push.Title, push.Content, push.Payload, null, push.Badge is > 0 ? true : null);
}
