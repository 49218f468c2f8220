namespace Signaling.Adapters.Tencent.Requests;

/// <summary>The SDK's signaling info (seed 000): one signaling action. actionType 1 invite, 2 cancel, 3 accept, 4 reject, 5 timeout.</summary>
public sealed record V2TimSignalingInfo(
    string? InviteID,
    string? Inviter,
    IReadOnlyList<string>? InviteeList,
    string? GroupID,
    string? Data,
    int Timeout,
    int ActionType,
    int BusinessID = 1,
    bool IsOnlineUserOnly = false,
    V2TimOfflinePushInfo? OfflinePushInfo = null);
