namespace Signaling.Core.Invitations;

/// <summary>A new call attempt as every surface describes it, after the adapter has translated its vendor's shape.</summary>
public sealed record InviteRequest
{
    public required IReadOnlyList<string> Invitees { get; init; }

    public string? GroupId { get; init; }

    /// <summary>Empty: the server makes one.</summary>
    public string? RoomId { get; init; }

    public MediaType MediaType { get; init; } = MediaType.Video;

    public string? Data { get; init; }

    /// <summary>Seconds; 0 means the invitation never times out.</summary>
    public int TimeoutSeconds { get; init; }

    public bool OnlineUserOnly { get; init; }

    public OfflinePushInfo? OfflinePush { get; init; }

    /// <summary>Invitees offline now are not rung; the inviter's device gets <see cref="Events.EventKind.InvitationFailed"/> for them at once.</summary>
    public bool RequireOnline { get; init; }

    /// <summary>The inviter's device gets <see cref="Events.EventKind.InvitationDelivered"/> for the invitees online when rung.</summary>
    public bool ReportDelivery { get; init; }

    /// <summary>Ring invitees even while they are in another call (NIM has no busy line; its apps decide).</summary>
    public bool RingWhenBusy { get; init; }

    /// <summary>
    /// What the inviter's SDK says about the inviter (OpenIM's participant metadata: name, avatar, group), as JSON of at
    /// most 8 KB; invitees are shown it as sent, so their ringing screen can name the caller.
    /// </summary>
    public string? InviterProfile { get; init; }

    /// <summary>The client's own key for this attempt: a retry with the same key returns the same invitation.</summary>
    public string? RequestId { get; init; }
}
