namespace Signaling.Adapters.Tencent.Requests;

/// <summary><c>invite(invitee, data, timeout, onlineUserOnly, offlinePushInfo)</c>. timeout is seconds; 0 means none; absent means 30 (the SDK default).</summary>
public sealed record InviteRequest(string? Invitee, string? Data = null, int? Timeout = null, bool? OnlineUserOnly = null, V2TimOfflinePushInfo? OfflinePushInfo = null);
