namespace Signaling.Core.Invitations;

public sealed class Invitee
{
    public required string UserId { get; init; }

    public InviteeState State { get; set; }

    /// <summary>The device that answered, so the user's other devices can be told.</summary>
    public string? AnsweredOnDevice { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public Invitee Copy() => new() { UserId = UserId, State = State, AnsweredOnDevice = AnsweredOnDevice, AnsweredAt = AnsweredAt };
}
