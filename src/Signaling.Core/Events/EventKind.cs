namespace Signaling.Core.Events;

/// <summary>What happened. Names are the canonical SSE <c>event:</c> values in camelCase.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<EventKind>))]
public enum EventKind
{
    InvitationReceived,

    /// <summary>Sent to the inviter: their other devices learn of the call they placed.</summary>
    InvitationSent,
    InviteeAccepted,
    InviteeRejected,
    InvitationCancelled,
    InvitationTimedOut,
    CallEnded,
    InvitationModified,

    /// <summary>Sent to the answering user: their other devices learn the call was answered (accepted or rejected) elsewhere.</summary>
    AnsweredElsewhere,
    MemberJoined,
    MemberLeft,
    ChannelClosed,
    ChannelAttributesChanged,
    ChannelMessage,
    PeerMessage,

    /// <summary>Sent to the inviter: the invitees in <see cref="SignalingEvent.Users"/> were online when rung (Agora's ack).</summary>
    InvitationDelivered,

    /// <summary>Sent to the inviter: the invitees in <see cref="SignalingEvent.Users"/> were offline and the invitation required them online.</summary>
    InvitationFailed,

    /// <summary>A message inside a call from one participant to another (Agora's DTMF).</summary>
    InvitationMessage,

    /// <summary>Sent to one device: its login session ended (<see cref="SignalingEvent.Data"/> says why: kicked or logout).</summary>
    SessionEnded,

    /// <summary>Sent to the device that asked: the events it missed while offline and has not marked read (<see cref="SignalingEvent.Items"/>).</summary>
    OfflineSync,

    /// <summary>
    /// Sent to the device that made a request, for SDKs that learn a request's outcome from a callback rather than from
    /// the reply (Agora's native SDK): <see cref="SignalingEvent.Data"/> is the surface's own payload, opaque to the core.
    /// </summary>
    RequestResult,
}
