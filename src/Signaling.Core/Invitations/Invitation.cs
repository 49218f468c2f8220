using Signaling.Core.Channels;
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

    /// <summary>See <see cref="InviteRequest.InviterProfile"/>.</summary>
    public string? InviterProfile { get; init; }

    /// <summary>The channel the call was made in, as it was then (without members): set when the room is a live channel.</summary>
    public ChannelView? Channel { get; init; }

    public InvitationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When its call record went to the webhook outbox (once, when it ended), or null.</summary>
    public DateTimeOffset? RecordedAt { get; set; }

    /// <summary>
    /// When a connected call is ended by the server if nobody has hung up (<see cref="SignalingOptions.MaxCallDuration"/>):
    /// surfaces without a hang-up (Tencent) must not leave their users in a call forever.
    /// </summary>
    public DateTimeOffset? CallEndsAt { get; set; }

    /// <summary>The next moment the server's clock must act on this invitation: a ringing timeout or the end of an overlong call.</summary>
    public DateTimeOffset? NextDue()
    {
        if (Status == InvitationStatus.Ended)
        {
            return null;
        }

        var ringing = Invitees.Exists(i => i.State == InviteeState.Pending) ? ExpiresAt : null;
        var call = Status == InvitationStatus.Connected ? CallEndsAt : null;
        return ringing is null ? call : call is null ? ringing : ringing < call ? ringing : call;
    }

    /// <summary>Every action so far, oldest first; step numbers are positions (1 = the invite).</summary>
    public List<InvitationStep> History { get; init; } = [];

    public InvitationStep? FindStep(int number) => number >= 1 && number <= History.Count ? History[number - 1] : null;

    public Invitee? FindInvitee(string userId) => Invitees.Find(i => i.UserId == userId);

    /// <summary>The inviter and every invitee who accepted: the people in the call once it is connected.</summary>
    public IEnumerable<string> Participants() =>
        Invitees.Where(i => i.State == InviteeState.Accepted).Select(i => i.UserId).Prepend(Inviter.UserId);

    public bool IsParticipant(string userId) => Participants().Contains(userId);

    public bool Involves(string userId) => Inviter.UserId == userId || FindInvitee(userId) is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    /// <summary>Whether the invitation still rings for <paramref name="userId"/>: they are a pending invitee and it has not expired.</summary>
    public bool IsRingingFor(string userId, DateTimeOffset now) =>
        FindInvitee(userId)?.State == InviteeState.Pending && !IsExpired(now);

    /// <summary>
    /// A copy a command may change without touching this one: invitees and lists are copied, the immutable parts
    /// (actors, steps, push info, channel view) shared. A store hands each reader one instead of decoding JSON again.
    /// </summary>
    public Invitation Copy() => new()
    {
        Id = Id, Version = Version, Inviter = Inviter, Invitees = Invitees.ConvertAll(i => i.Copy()), Busy = [.. Busy],
        GroupId = GroupId, RoomId = RoomId, MediaType = MediaType, Data = Data, TimeoutSeconds = TimeoutSeconds,
        OnlineUserOnly = OnlineUserOnly, OfflinePush = OfflinePush, RequestId = RequestId, InviterProfile = InviterProfile,
        Channel = Channel, Status = Status, CreatedAt = CreatedAt, ExpiresAt = ExpiresAt, EndedAt = EndedAt,
        RecordedAt = RecordedAt, CallEndsAt = CallEndsAt, History = [.. History],
    };

    public InvitationView ToView() => View(Invitees.Select(i => new InviteeView(i.UserId, i.State)).ToList(), Data, Status);

    /// <summary>
    /// The invitation as it was right after step <paramref name="number"/> (what the events of that step showed), or null
    /// when there is no such step or it was recorded without its outcome. Only the invitees' states, the status and the
    /// custom data change after the invite; the data is the invite's or the latest modification's.
    /// </summary>
    public InvitationView? ViewAt(int number)
    {
        if (FindStep(number) is not { Status: { } status, States: { } states } || states.Count != Invitees.Count)
        {
            return null;
        }

        var data = History.Take(number).LastOrDefault(s => s.Action is InvitationAction.Invited or InvitationAction.Modified)?.Data ?? Data;
        return View(Invitees.Select((invitee, n) => new InviteeView(invitee.UserId, states[n])).ToList(), data, status);
    }

    private InvitationView View(List<InviteeView> invitees, string data, InvitationStatus status) => new(
        Id, Inviter, invitees, Busy.ToList(), GroupId, RoomId, MediaType, data, TimeoutSeconds, OnlineUserOnly, OfflinePush,
        RequestId, status, CreatedAt, ExpiresAt, InviterProfile);

    /// <summary>
    /// Everyone rung gets the invitation; the inviter's other devices learn of it too. Invitees in
    /// <paramref name="offline"/> of an online-only invitation stay pending but are not rung: they never hear of it.
    /// </summary>
    public List<Notice> Ring(DateTimeOffset now, IReadOnlySet<string> offline)
    {
        Record(InvitationAction.Invited, Inviter, Invitees.Select(i => i.UserId).ToList(), Data, now);
        return Invitees.Where(i => i.State == InviteeState.Pending && !(OnlineUserOnly && offline.Contains(i.UserId)))
            .Select(i => new Notice(i.UserId, EventKind.InvitationReceived))
            .Append(new Notice(Inviter.UserId, EventKind.InvitationSent))
            .ToList();
    }

    /// <summary>
    /// For an invitation that requires its invitees online: those in <paramref name="offline"/> time out before they are
    /// rung, and the inviter's device is told at once. Call before <see cref="Ring"/>.
    /// </summary>
    public List<Notice> FailOffline(DateTimeOffset now, IReadOnlySet<string> offline)
    {
        var failed = Invitees.Where(i => offline.Contains(i.UserId)).ToList();
        foreach (var invitee in failed)
        {
            invitee.State = InviteeState.TimedOut;
            invitee.AnsweredAt = now;
        }

        EndIfSettled(now);
        return failed.Count == 0 ? [] : [new Notice(Inviter.UserId, EventKind.InvitationFailed, failed.Select(i => i.UserId).ToList(), Inviter.DeviceId)];
    }

    public Result<List<Notice>> Accept(Actor actor, string data, DateTimeOffset now) => Answer(actor, data, now, InviteeState.Accepted);

    public Result<List<Notice>> Reject(Actor actor, string data, DateTimeOffset now) => Answer(actor, data, now, InviteeState.Rejected);

    /// <summary>The inviter changes the invitation's custom data; everyone still in it is told.</summary>
    public Result<List<Notice>> Modify(Actor actor, string data, DateTimeOffset now)
    {
        if (actor.UserId != Inviter.UserId)
        {
            return SignalingError.Denied("Only the inviter may modify an invitation.");
        }

        if (OnlineUserOnly)
        {
            return SignalingError.Invalid("inviteID", "An online-only invitation cannot be modified.");
        }

        if (Status == InvitationStatus.Ended || IsExpired(now) && Status == InvitationStatus.Ringing)
        {
            return new SignalingError(SignalingErrorCode.CallEnded, "The invitation has ended.");
        }

        Data = data;
        Record(InvitationAction.Modified, actor, [], data, now);
        return Invitees.Where(i => i.State is InviteeState.Pending or InviteeState.Accepted)
            .Select(i => new Notice(i.UserId, EventKind.InvitationModified))
            .Append(new Notice(Inviter.UserId, EventKind.InvitationModified))
            .ToList();
    }

    public Result<List<Notice>> Cancel(Actor actor, string data, DateTimeOffset now)
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

        return CancelFor(pending, actor, data, now);
    }

    /// <summary>
    /// An operator ends the invitation whatever its state, as the server: a connected call ends for everyone in it;
    /// one still ringing is cancelled for everyone rung, as if its inviter had cancelled.
    /// </summary>
    public Result<List<Notice>> EndByOperator(DateTimeOffset now)
    {
        if (Status == InvitationStatus.Ended)
        {
            return new SignalingError(SignalingErrorCode.CallEnded, "The invitation has already ended.");
        }

        return Status == InvitationStatus.Connected
            ? EndForEveryone(Actor.Server, Data, now)
            : CancelFor(Invitees.Where(i => i.State == InviteeState.Pending).ToList(), Actor.Server, Data, now);
    }

    private List<Notice> CancelFor(List<Invitee> pending, Actor actor, string data, DateTimeOffset now)
    {
        foreach (var invitee in pending)
        {
            invitee.State = InviteeState.Cancelled;
        }

        EndIfSettled(now);
        Record(InvitationAction.Cancelled, actor, pending.Select(i => i.UserId).ToList(), data, now);
        return pending.Select(i => new Notice(i.UserId, EventKind.InvitationCancelled))
            .Append(new Notice(Inviter.UserId, EventKind.InvitationCancelled))
            .ToList();
    }

    public Result<List<Notice>> HangUp(Actor actor, string data, DateTimeOffset now)
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

        return EndForEveryone(actor, data, now);
    }

    /// <summary>A connected call past <see cref="CallEndsAt"/> ends as if hung up, by the server.</summary>
    public List<Notice> EndIfOverlong(DateTimeOffset now) =>
        Status == InvitationStatus.Connected && CallEndsAt is { } end && end <= now ? EndForEveryone(Actor.Server, Data, now) : [];

    private List<Notice> EndForEveryone(Actor actor, string data, DateTimeOffset now)
    {
        // Everyone who was in the call or still ringing learns it ended, the actor's other devices included.
        var told = Participants().Concat(Invitees.Where(i => i.State == InviteeState.Pending).Select(i => i.UserId)).ToList();
        foreach (var invitee in Invitees.Where(i => i.State == InviteeState.Pending))
        {
            invitee.State = InviteeState.Cancelled;
        }

        Status = InvitationStatus.Ended;
        EndedAt = now;
        Record(InvitationAction.HungUp, actor, [], data, now);
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
        Record(InvitationAction.TimedOut, Actor.Server, names, Data, now);
        var notices = new List<Notice> { new(Inviter.UserId, EventKind.InvitationTimedOut, names) };
        notices.AddRange(names.Select(u => new Notice(u, EventKind.InvitationTimedOut, [u])));
        return notices;
    }

    private Result<List<Notice>> Answer(Actor actor, string data, DateTimeOffset now, InviteeState answer)
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
        Record(answer == InviteeState.Accepted ? InvitationAction.Accepted : InvitationAction.Rejected, actor, [actor.UserId], data, now);

        // The inviter and the other invitees of a group call see the answer; the answering user's other devices are told too.
        var kind = answer == InviteeState.Accepted ? EventKind.InviteeAccepted : EventKind.InviteeRejected;
        var notices = Invitees.Where(i => i.UserId != actor.UserId && i.State is InviteeState.Pending or InviteeState.Accepted)
            .Select(i => new Notice(i.UserId, kind, [actor.UserId]))
            .Prepend(new Notice(Inviter.UserId, kind, [actor.UserId]))
            .ToList();
        notices.Add(new Notice(actor.UserId, EventKind.AnsweredElsewhere, [actor.UserId]));
        return notices;
    }

    /// <summary>Called once every change of the action is made: the step keeps what it left.</summary>
    private void Record(InvitationAction action, Actor actor, IReadOnlyList<string> users, string data, DateTimeOffset now) =>
        History.Add(new InvitationStep(History.Count + 1, action, actor, users, data, now, Status, Invitees.ConvertAll(i => i.State)));

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
