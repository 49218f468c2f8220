using Signaling.Core.Invitations;

namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>OpenIM's offline push settings (reference B.2). Stored with the invitation; the gateway sends no pushes itself.</summary>
public sealed record OpenIMOfflinePushInfo(string? Title = null, string? Desc = null, string? Ex = null, string? IOSPushSound = null, bool? IOSBadgeCount = null)
{
    public OfflinePushInfo ToCore() => new(Title, Desc, Ex, IOSBadgeCount == true ? 1 : null);

    public static OpenIMOfflinePushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new OpenIMOfflinePushInfo(push.Title, push.Content, push.Payload, null, push.Badge is > 0 ? true : null);
}
