namespace Signaling.Core.Invitations;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<InviteeState>))]
public enum InviteeState
{
    Pending,
    Accepted,
    Rejected,
    Cancelled,
    TimedOut,
}
