using System.Text.Json.Serialization;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>pushInfo (reference A.3): what a push shows an offline invitee. Stored, forwarded, and handed to the app server's push.requested webhook.</summary>
public sealed record NimPushInfo(bool? NeedPush = null, string? PushTitle = null, string? PushContent = null, [property: JsonConverter(typeof(JsonTextConverter))] string? PushPayload = null, bool? NeedBadge = null)
{
    public OfflinePushInfo? ToCore() =>
        NeedPush == true ? new OfflinePushInfo(PushTitle, PushContent, PushPayload, NeedBadge == false ? 0 : 1) : null;

    public static NimPushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new NimPushInfo(true, push.Title, push.Content, push.Payload, push.Badge != 0);
}
