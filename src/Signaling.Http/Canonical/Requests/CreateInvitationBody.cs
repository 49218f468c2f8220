using Signaling.Core.Invitations;

namespace Signaling.Http.Canonical.Requests;

/// <summary>A new invitation: one invitee for a 1:1 call, several for a group call.</summary>
public sealed record CreateInvitationBody
{
    /// <summary>Who to ring (1–100 user ids).</summary>
    public IReadOnlyList<string>? Invitees { get; init; }

    /// <summary>The group the call belongs to, if any.</summary>
    public string? GroupId { get; init; }

    /// <summary>The media room; the server makes one when empty.</summary>
    public string? RoomId { get; init; }

    public MediaType? MediaType { get; init; }

    /// <summary>Custom data for the invitees, at most 12 KB.</summary>
    public string? Data { get; init; }

    /// <summary>Seconds until still-pending invitees time out; 0 or absent means never.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Only users online now are rung, and the invitation's events are not kept for offline delivery.</summary>
    public bool? OnlineUserOnly { get; init; }

    public OfflinePushInfo? OfflinePush { get; init; }

    /// <summary>Your own key for this attempt: retrying with the same key returns the same invitation.</summary>
    public string? RequestId { get; init; }

    public InviteRequest ToCore() => new()
    {
        Invitees = Invitees ?? [],
        GroupId = GroupId,
        RoomId = RoomId,
        MediaType = MediaType ?? Signaling.Core.Invitations.MediaType.Video,
        Data = Data,
        TimeoutSeconds = TimeoutSeconds ?? 0,
        OnlineUserOnly = OnlineUserOnly ?? false,
        OfflinePush = OfflinePush,
        RequestId = RequestId,
    };
}
