namespace Signaling.Core.Events;

/// <summary>What happened. Names are the canonical SSE <c>event:</c> values in camelCase.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<EventKind>))]
public enum EventKind
{
    InvitationReceived,
    InviteeAccepted,
    InviteeRejected,
    InvitationCancelled,
    InvitationTimedOut,
    CallEnded,

    /// <summary>Sent to the answering user: their other devices learn the call was answered (accepted or rejected) elsewhere.</summary>
    AnsweredElsewhere,
    MemberJoined,
    MemberLeft,
    ChannelClosed,
    ChannelAttributesChanged,
    ChannelMessage,
    PeerMessage,
}
