using Signaling.Core.Errors;
using Signaling.Core.Events;

namespace Signaling.Core.Invitations;

/// <summary>
/// A call attempt and its rules. Each command checks who may act and in which state, changes the invitation,
/// and says who must be told (<see cref="Notice"/>). The first terminal action for an invitee wins; every
/// later one gets a precise error. The service persists the result atomically with its events.
/// </summary>
public sealed class Invitation
{
    public required string Id { get; init; }

    /// <summary>Optimistic-concurrency version: 0 for a new invitation, then as stored.</summary>
    public long Version { get; set; }

    public required Actor Inviter { get; init; }

    public List<Invitee> Invitees { get; init; } = [];

    /// <summary>Invitees who were in another call when invited, and so were not rung.</summary>
    public List<string> Busy { get; init; } = [];

    public string? GroupId { get; init; }

    public required string RoomId { get; init; }

    public MediaType MediaType { get; init; }

    public string Data { get; set; } = "";

    public int TimeoutSeconds { get; init; }

    public bool OnlineUserOnly { get; init; }

    public OfflinePushInfo? OfflinePush { get; init; }

    public string? RequestId { get; init; }

    public InvitationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    public Invitee? FindInvitee(string userId) => Invitees.Find(i => i.UserId == userId);

    /// <summary>The inviter and every invitee who accepted: the people in the call once it is connected.</summary>
    public IEnumerable<string> Participants() =>
        Invitees.Where(i => i.State == InviteeState.Accepted).Select(i => i.UserId).Prepend(Inviter.UserId);

    public bool IsParticipant(string userId) => Participants().Contains(userId);

    public bool Involves(string userId) => Inviter.UserId == userId || FindInvitee(userId) is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    public InvitationView ToView() => new(
        Id, Inviter, Invitees.Select(i => new InviteeView(i.UserId, i.State)).ToList(), Busy.ToList(), GroupId, RoomId,
        MediaType, Data, TimeoutSeconds, OnlineUserOnly, OfflinePush, RequestId, Status, CreatedAt, ExpiresAt);

    /// <summary>Everyone rung gets the invitation.</summary>
    public List<Notice> Ring() =>
        Invitees.Select(i => new Notice(i.UserId, EventKind.InvitationReceived)).ToList();

    public Result<List<Notice>> Accept(Actor actor, DateTimeOffset now) => Answer(actor, now, InviteeState.Accepted);

    public Result<List<Notice>> Reject(Actor actor, DateTimeOffset now) => Answer(actor, now, InviteeState.Rejected);

    public Result<List<Notice>> Cancel(Actor actor, DateTimeOffset now)
    {
        if (actor.UserId != Inviter.UserId)
        {
            return SignalingError.Denied("Only the inviter may cancel an invitation.");
        }

        var pending = Invitees.Where(i => i.State == InviteeState.Pending).ToList();
        if (pending.Count == 0 || Status == InvitationStatus.Ended)
        {
            return StateError(Invitees.Count == 1 ? Invitees[0].State : DominantState(), "Nobody is left to cancel for.");
        }

        if (IsExpired(now))
        {
            return StateError(InviteeState.TimedOut, "The invitation has expired.");
        }

        foreach (var invitee in pending)
        {
            invitee.State = InviteeState.Cancelled;
        }

        EndIfSettled(now);
        return pending.Select(i => new Notice(i.UserId, EventKind.InvitationCancelled)).ToList();
    }

    public Result<List<Notice>> HangUp(Actor actor, DateTimeOffset now)
    {
        if (!Involves(actor.UserId))
        {
            return SignalingError.Denied("Only a participant of the call may hang up.");
        }

        if (Status == InvitationStatus.Ended)
        {
            return new SignalingError(SignalingErrorCode.CallEnded, "The call has already ended.");
        }

        if (Status != InvitationStatus.Connected)
        {
            return new SignalingError(SignalingErrorCode.CallNotConnected, "Nobody has accepted yet: the inviter cancels instead.");
        }

        if (!IsParticipant(actor.UserId))
        {
            return SignalingError.Denied("Only a participant of the connected call may hang up.");
        }

        // Everyone who was in the call or still ringing learns it ended, the actor's other devices included.
        var told = Participants().Concat(Invitees.Where(i => i.State == InviteeState.Pending).Select(i => i.UserId)).ToList();
        foreach (var invitee in Invitees.Where(i => i.State == InviteeState.Pending))
        {
            invitee.State = InviteeState.Cancelled;
        }

        Status = InvitationStatus.Ended;
        EndedAt = now;
        return told.Select(u => new Notice(u, EventKind.CallEnded)).ToList();
    }

    /// <summary>The server clock's verdict: every invitee still pending when the timeout ends times out.</summary>
    public List<Notice> TimeOut(DateTimeOffset now)
    {
        if (!IsExpired(now) || Status == InvitationStatus.Ended)
        {
            return [];
        }

        var timedOut = Invitees.Where(i => i.State == InviteeState.Pending).ToList();
        if (timedOut.Count == 0)
        {
            return [];
        }

        foreach (var invitee in timedOut)
        {
            invitee.State = InviteeState.TimedOut;
            invitee.AnsweredAt = now;
        }

        EndIfSettled(now);
        var names = timedOut.Select(i => i.UserId).ToList();
        var notices = new List<Notice> { new(Inviter.UserId, EventKind.InvitationTimedOut, names) };
        notices.AddRange(names.Select(u => new Notice(u, EventKind.InvitationTimedOut, [u])));
        return notices;
    }

    private Result<List<Notice>> Answer(Actor actor, DateTimeOffset now, InviteeState answer)
    {
        var invitee = FindInvitee(actor.UserId);
        if (invitee is null)
        {
            return SignalingError.Denied("Only an invitee may accept or reject this invitation.");
        }

        if (invitee.State != InviteeState.Pending)
        {
            return StateError(invitee.State, "This invitee has already been answered.");
        }

        if (IsExpired(now))
        {
            return StateError(InviteeState.TimedOut, "The invitation has expired.");
        }

        invitee.State = answer;
        invitee.AnsweredOnDevice = actor.DeviceId;
        invitee.AnsweredAt = now;
        if (answer == InviteeState.Accepted)
        {
            Status = InvitationStatus.Connected;
        }

        EndIfSettled(now);

        // The inviter and the other invitees of a group call see the answer; the answering user's other devices are told too.
        var kind = answer == InviteeState.Accepted ? EventKind.InviteeAccepted : EventKind.InviteeRejected;
        var notices = Invitees.Where(i => i.UserId != actor.UserId && i.State is InviteeState.Pending or InviteeState.Accepted)
            .Select(i => new Notice(i.UserId, kind, [actor.UserId]))
            .Prepend(new Notice(Inviter.UserId, kind, [actor.UserId]))
            .ToList();
        notices.Add(new Notice(actor.UserId, EventKind.AnsweredElsewhere, [actor.UserId]));
        return notices;
    }

    /// <summary>With nobody pending and nobody accepted, the attempt is over.</summary>
    private void EndIfSettled(DateTimeOffset now)
    {
        if (Status == InvitationStatus.Ringing && Invitees.All(i => i.State != InviteeState.Pending))
        {
            Status = InvitationStatus.Ended;
            EndedAt = now;
        }
    }

    private InviteeState DominantState() =>
        Invitees.Any(i => i.State == InviteeState.Accepted) ? InviteeState.Accepted : Invitees.Select(i => i.State).LastOrDefault();

    private static SignalingError StateError(InviteeState state, string fallback) => state switch
    {
        InviteeState.Accepted => new(SignalingErrorCode.AlreadyAccepted, "The invitation was already accepted."),
        InviteeState.Rejected => new(SignalingErrorCode.AlreadyRejected, "The invitation was already rejected."),
        InviteeState.Cancelled => new(SignalingErrorCode.AlreadyCancelled, "The invitation was cancelled."),
        InviteeState.TimedOut => new(SignalingErrorCode.Expired, "The invitation has expired."),
        _ => new(SignalingErrorCode.Conflict, fallback),
    };
}
