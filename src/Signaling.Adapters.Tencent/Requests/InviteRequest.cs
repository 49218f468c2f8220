using System.Text.Json.Serialization;

namespace Signaling.Adapters.Tencent.Requests;

/// <summary>
/// <c>invite(invitee, data, timeout, onlineUserOnly, offlinePushInfo)</c>. timeout is seconds; 0 means none; absent means 30
/// (the native SDK's default). The JS SDK (TSignaling) names the invitee <c>userID</c> (audit T-2); both are taken.
/// </summary>
public sealed record InviteRequest(
    string? Invitee, string? Data = null, int? Timeout = null, bool? OnlineUserOnly = null, V2TimOfflinePushInfo? OfflinePushInfo = null, string? UserID = null)
{
    [JsonIgnore]
    public string? InviteeOrUserID => Invitee ?? UserID;
}
