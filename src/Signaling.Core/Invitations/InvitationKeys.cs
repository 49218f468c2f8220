namespace Signaling.Core.Invitations;

/// <summary>Lookup keys the invitation commands keep in the store's index.</summary>
public static class InvitationKeys
{
    /// <summary>The connected call a user is in: how "busy" is judged.</summary>
    public static string CurrentCall(string userId) => $"call:{userId}";

    /// <summary>The latest invitation for a media room: surfaces that name calls by room (OpenIM) find it here.</summary>
    public static string Room(string roomId) => $"room:{roomId}";

    /// <summary>The latest invitation made in a group: its ongoing call.</summary>
    public static string GroupCall(string groupId) => $"group-call:{groupId}";

    /// <summary>
    /// The invitation an inviter made with a client request id, in a room, to these invitees: retries return it, and
    /// NIM finds a call by (channel, invitee, requestId), since its apps reuse one requestId for every invitee of a call.
    /// </summary>
    public static string Request(string inviterId, string requestId, string? roomId, IEnumerable<string> invitees) =>
        $"request:{inviterId}:{roomId}:{requestId}:{string.Join(',', invitees.Order(StringComparer.Ordinal))}";
}
