using Signaling.Core.Invitations;

namespace Signaling.Adapters.Tencent.Requests;

/// <summary>The SDK's offline push settings. The gateway keeps title, desc and ext; it sends no pushes itself.</summary>
public sealed record V2TimOfflinePushInfo(string? Title = null, string? Desc = null, string? Ext = null, bool? IgnoreIOSBadge = null)
{
    public OfflinePushInfo ToCore() => new(Title, Desc, Ext, IgnoreIOSBadge == true ? 0 : null);

    public static V2TimOfflinePushInfo? From(OfflinePushInfo? push) =>
        push is null ? null : new V2TimOfflinePushInfo(push.Title, push.Content, push.Payload, push.Badge == 0 ? true : null);
}
