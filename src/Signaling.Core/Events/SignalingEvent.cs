using System.Text.Json.Serialization;
using Signaling.Core.Channels;
using Signaling.Core.Invitations;

namespace Signaling.Core.Events;

/// <summary>
/// One change as one recipient sees it. Every surface renders the same event in its own vendor's shape,
/// which is how users of different adapters interoperate.
/// </summary>
public sealed record SignalingEvent
{
    /// <summary>The recipient's own sequence number, assigned by the event log on append (1, 2, 3, …).</summary>
    public long Sequence { get; init; }

    public required string Recipient { get; init; }

    public required EventKind Kind { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required Actor Actor { get; init; }

    public string? InvitationId { get; init; }

    public string? ChannelId { get; init; }

    /// <summary>The custom data of the action that caused the event (an accept's data, a message's text, …).</summary>
    public string? Data { get; init; }

    /// <summary>For events about a call: which step of the invitation's history caused it (1 = the invite).</summary>
    public int? Step { get; init; }

    /// <summary>The invitation after the change, for events about a call.</summary>
    public InvitationView? Invitation { get; init; }

    /// <summary>The channel after the change, for events about a channel.</summary>
    public ChannelView? Channel { get; init; }

    /// <summary>The member who joined or left.</summary>
    public ChannelMember? Member { get; init; }

    /// <summary>Users the event is about: the invitees who timed out, the invitee who answered.</summary>
    public IReadOnlyList<string>? Users { get; init; }

    /// <summary>The attribute that changed (null name: all attributes were cleared).</summary>
    public string? AttributeName { get; init; }

    public string? AttributeValue { get; init; }

    /// <summary>When set, only this device of the recipient sees the event.</summary>
    public string? OnlyDevice { get; init; }

    /// <summary>For <see cref="EventKind.OfflineSync"/>: the unread events, oldest first.</summary>
    public IReadOnlyList<OfflineItem>? Items { get; init; }

    /// <summary>Durable events stay for the retention period; others end with their invitation or channel.</summary>
    [JsonIgnore]
    public bool Durable { get; init; }

    /// <summary>When the log may drop the event.</summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The invitation or channel whose end also ends this event, unless it is durable.</summary>
    [JsonIgnore]
    public string? Scope => InvitationId ?? ChannelId;

    /// <summary>
    /// Whether a connection of the recipient on <paramref name="deviceId"/> should see this event. A user's other
    /// devices learn what one device did (placed a call, answered it elsewhere, cancelled); the device that did it
    /// is not told again, unless its surface reports a caller's own actions back (<paramref name="ownActions"/>, Agora's
    /// onInviteEndByMyself). An event meant for one device (<see cref="OnlyDevice"/>) reaches only that device.
    /// </summary>
    public bool IsVisibleOn(string? deviceId, bool ownActions = false) =>
        OnlyDevice is not null ? OnlyDevice == deviceId : ownActions || Recipient != Actor.UserId || Actor.DeviceId != deviceId;
}
