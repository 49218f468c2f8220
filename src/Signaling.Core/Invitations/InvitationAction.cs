namespace Signaling.Core.Invitations;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<InvitationAction>))]
public enum InvitationAction
{
    Invited,
    Cancelled,
    Accepted,
    Rejected,
    TimedOut,
    Modified,
    HungUp,
}
