namespace Signaling.Core.Invitations;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<InvitationStatus>))]
public enum InvitationStatus
{
    /// <summary>Someone is still being rung and nobody has accepted yet.</summary>
    Ringing,

    /// <summary>At least one invitee accepted; the call lasts until someone hangs up.</summary>
    Connected,

    /// <summary>Hung up, or every invitee answered no, was cancelled or timed out.</summary>
    Ended,
}
