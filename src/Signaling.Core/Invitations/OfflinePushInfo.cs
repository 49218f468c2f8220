namespace Signaling.Core.Invitations;

/// <summary>What a push service shows an offline invitee. The gateway stores and forwards it, and hands it to the app server (webhook push.requested), which sends the push.</summary>
public sealed record OfflinePushInfo(string? Title = null, string? Content = null, string? Payload = null, int? Badge = null)
{
    /// <summary>
    /// The vendor SDK's other push settings (sound, VoIP, channel ids …) as a JSON object, kept as sent so that vendor's
    /// clients get every field back.
    /// </summary>
    public string? VendorFields { get; init; }
}
