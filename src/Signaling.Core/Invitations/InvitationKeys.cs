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

    /// <summary>The invitation an inviter made with a client request id: retries return it.</summary>
    public static string Request(string inviterId, string requestId) => $"request:{inviterId}:{requestId}";
}
