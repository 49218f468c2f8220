using Signaling.Core.Channels;
using Signaling.Core.Invitations;

namespace Signaling.Core.Events;

/// <summary>Turns a decision's notices into one event per recipient, all sharing the same facts.</summary>
public sealed record EventBuilder(Actor Actor, DateTimeOffset Time, bool Durable, DateTimeOffset ExpiresAt)
{
    public string? InvitationId { get; init; }

    public string? ChannelId { get; init; }

    public string? Data { get; init; }

    public InvitationView? Invitation { get; init; }

    public int? Step { get; init; }

    public ChannelView? Channel { get; init; }

    public ChannelMember? Member { get; init; }

    public string? AttributeName { get; init; }

    public string? AttributeValue { get; init; }

    public SignalingEvent For(Notice notice) => new()
    {
        Recipient = notice.Recipient,
        Kind = notice.Kind,
        Time = Time,
        Actor = Actor,
        InvitationId = InvitationId,
        ChannelId = ChannelId,
        Data = Data,
        Invitation = Invitation,
        Step = Step,
        Channel = Channel,
        Member = Member,
        Users = notice.Users,
        OnlyDevice = notice.Device,
        AttributeName = AttributeName,
        AttributeValue = AttributeValue,
        Durable = Durable,
        ExpiresAt = ExpiresAt,
    };

    public IEnumerable<SignalingEvent> For(IEnumerable<Notice> notices) => notices.Select(For);
}
