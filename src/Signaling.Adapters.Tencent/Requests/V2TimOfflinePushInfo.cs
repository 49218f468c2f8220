using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Tencent.Requests;

/// <summary>
/// The SDK's offline push settings. Title, desc, ext and ignoreIOSBadge are the gateway's own; every other field the
/// SDK has (disablePush, iOSSound, iOSPushType, the Android channel ids …, audit T-6) is kept as sent and handed back.
/// An offline invitee's push is handed to the app server (webhook push.requested).
/// </summary>
public sealed record V2TimOfflinePushInfo(string? Title = null, string? Desc = null, string? Ext = null, bool? IgnoreIOSBadge = null)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }

    public OfflinePushInfo ToCore() => new(Title, Desc, Ext, IgnoreIOSBadge == true ? 0 : null)
    {
        VendorFields = Other is { Count: > 0 } ? JsonSerializer.Serialize(Other, TencentJson.Default.DictionaryStringJsonElement) : null,
    };

    public static V2TimOfflinePushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new V2TimOfflinePushInfo(push.Title, push.Content, push.Payload, push.Badge == 0 ? true : null)
        {
            Other = push.VendorFields is { } fields ? JsonSerializer.Deserialize(fields, TencentJson.Default.DictionaryStringJsonElement) : null,
        };
}
