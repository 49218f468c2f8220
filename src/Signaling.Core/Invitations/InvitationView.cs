namespace Signaling.Core.Invitations;

/// <summary>An immutable copy of an invitation, carried by events and returned by queries.</summary>
public sealed record InvitationView(
    string Id,
    Actor Inviter,
    IReadOnlyList<InviteeView> Invitees,
    IReadOnlyList<string> Busy,
    string? GroupId,
    string RoomId,
    MediaType MediaType,
    string Data,
    int TimeoutSeconds,
    bool OnlineUserOnly,
    OfflinePushInfo? OfflinePush,
    string? RequestId,
    InvitationStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string? InviterProfile = null);

public sealed record InviteeView(string UserId, InviteeState State);
