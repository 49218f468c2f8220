using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>OpenIM's offline push settings (reference B.2). Stored with the invitation, and handed to the app server's push.requested webhook.
/// The iOS keys keep the proto's casing on output (audit O-4: <c>iOSPushSound</c>, <c>iOSBadgeCount</c>).</summary>
public sealed record OpenIMOfflinePushInfo(
    string? Title = null,
    string? Desc = null,
    string? Ex = null,
    [property: JsonPropertyName("iOSPushSound")] string? IOSPushSound = null,
    [property: JsonPropertyName("iOSBadgeCount")] bool? IOSBadgeCount = null)
{
    /// <summary>The sound has no canonical field: it travels in <see cref="OfflinePushInfo.VendorFields"/> (webhooks read it as <c>push.sound</c>).</summary>
    public OfflinePushInfo ToCore() => new(Title, Desc, Ex, IOSBadgeCount == true ? 1 : null)
    {
        VendorFields = IOSPushSound is { Length: > 0 } sound ? new JsonObject { ["iOSPushSound"] = sound }.ToJsonString() : null,
    };

    public static OpenIMOfflinePushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new OpenIMOfflinePushInfo(push.Title, push.Content, push.Payload, Sound(push.VendorFields), push.Badge is > 0 ? true : null);

    private static string? Sound(string? vendorFields) =>
        vendorFields is not null && JsonNode.Parse(vendorFields) is JsonObject fields && fields["iOSPushSound"] is JsonValue value
        && value.TryGetValue<string>(out var sound) ? sound : null;
}
