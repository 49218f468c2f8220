namespace Signaling.Core.Invitations;

/// <summary>Lookup keys the invitation commands keep in the store's index.</summary>
public static class InvitationKeys
{
    /// <summary>The connected call a user is in: how "busy" is judged.</summary>
    public static string CurrentCall(string userId) => $"call:{userId}";

    /// <summary>The invitation an inviter made with a client request id: retries return it.</summary>
    public static string Request(string inviterId, string requestId) => $"request:{inviterId}:{requestId}";
}
