using Microsoft.Extensions.Options;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core.Invitations;

/// <summary>The call commands every surface calls: invite, accept, reject, cancel, hang up, and the server's timeouts.</summary>
public sealed class InvitationService(
    ISignalingStore store, IPresenceRegistry presence, TimeProvider clock, IOptions<SignalingOptions> options, SignalingMetrics metrics)
{
    private readonly SignalingOptions _options = options.Value;

    public async Task<Result<InviteResult>> InviteAsync(Actor inviter, InviteRequest request, CancellationToken cancellationToken = default)
    {
        if (InviteValidation.Check(inviter, request, _options) is { } invalid)
        {
            return invalid;
        }

        var result = await CommandRunner.RunAsync(store, async () =>
        {
            var invitees = request.Invitees.Distinct(StringComparer.Ordinal).ToList();
            var requestKey = string.IsNullOrEmpty(request.RequestId)
                ? null
                : InvitationKeys.Request(inviter.UserId, request.RequestId, NullIfEmpty(request.RoomId), invitees);
            var keys = await InviteKeysAsync(requestKey, request, invitees, cancellationToken);

            // A retry returns the invitation while it lives; once it has ended, the same key starts a new one.
            var knownId = requestKey is null ? null : keys[requestKey];
            if (knownId is not null && await store.GetInvitationAsync(knownId, cancellationToken) is { Status: not InvitationStatus.Ended } known)
            {
                return new Decision<InviteResult>(new InviteResult(known, known.Busy, Replayed: true), null);
            }

            var now = clock.GetUtcNow();
            var busy = new List<string>();
            foreach (var userId in invitees)
            {
                if (!request.RingWhenBusy && await IsInCallAsync(userId, keys[InvitationKeys.CurrentCall(userId)], cancellationToken))
                {
                    busy.Add(userId);
                }
            }

            var invitation = new Invitation
            {
                Id = Ids.Sequential(),
                Inviter = inviter,
                Invitees = invitees.Except(busy).Select(u => new Invitee { UserId = u }).ToList(),
                Busy = busy,
                GroupId = NullIfEmpty(request.GroupId),
                RoomId = NullIfEmpty(request.RoomId) ?? Ids.New(),
                MediaType = request.MediaType,
                Data = request.Data ?? "",
                TimeoutSeconds = request.TimeoutSeconds,
                OnlineUserOnly = request.OnlineUserOnly,
                OfflinePush = request.OfflinePush,
                RequestId = NullIfEmpty(request.RequestId),
                InviterProfile = NullIfEmpty(request.InviterProfile),
                Channel = await ChannelOfRoomAsync(request.RoomId, now, cancellationToken),
                CreatedAt = now,
                ExpiresAt = request.TimeoutSeconds > 0 ? now.AddSeconds(request.TimeoutSeconds) : null,
            };

            var commit = new Commit();
            commit.Invitations.Add(invitation);
            commit.Minted.Add(invitation.Id);
            if (invitation.Invitees.Count == 0)
            {
                // Everyone was busy: the attempt is over before it started.
                invitation.Status = InvitationStatus.Ended;
                invitation.EndedAt = now;
            }
            else if (invitation.ExpiresAt is { } due)
            {
                commit.ScheduleTimeouts[invitation.Id] = due;
            }

            if (requestKey is not null)
            {
                commit.Index.Add(new IndexWrite(requestKey, knownId, invitation.Id));
            }

            // A room the server just made has no key yet; a given room or group may point at an earlier call.
            var roomKey = InvitationKeys.Room(invitation.RoomId);
            commit.Index.Add(NullIfEmpty(request.RoomId) is null
                ? IndexWrite.ForMinted(roomKey, invitation.Id)
                : new IndexWrite(roomKey, keys[roomKey], invitation.Id));
            if (invitation.GroupId is { } group)
            {
                commit.Index.Add(new IndexWrite(InvitationKeys.GroupCall(group), keys[InvitationKeys.GroupCall(group)], invitation.Id));
            }

            var needsPresence = invitation.OnlineUserOnly || request.RequireOnline || request.ReportDelivery;
            var offline = needsPresence ? await OfflineAsync(invitation, now, cancellationToken) : new HashSet<string>();
            var ring = request.RequireOnline ? invitation.FailOffline(now, offline) : [];
            ring.AddRange(invitation.Ring(now, offline));
            if (request.ReportDelivery && invitation.Invitees.Where(i => i.State == InviteeState.Pending && !offline.Contains(i.UserId)).Select(i => i.UserId).ToList()
                    is { Count: > 0 } delivered)
            {
                ring.Add(new Notice(inviter.UserId, EventKind.InvitationDelivered, delivered, inviter.DeviceId));
            }

            if (invitation.Status == InvitationStatus.Ended)
            {
                commit.ScheduleTimeouts.Remove(invitation.Id);
                commit.ExpireScopes[invitation.Id] = now + _options.EndedGrace;
            }

            commit.Events.AddRange(Builder(invitation, inviter, now, invitation.Data).For(ring));
            return new Decision<InviteResult>(new InviteResult(invitation, busy, Replayed: false), commit);
        }, cancellationToken);

        if (result.IsSuccess && !result.Value.Replayed)
        {
            metrics.InvitationCreated(result.Value.Invitation.Invitees.Count);
        }

        return result;
    }

    /// <summary>An invitation as its inviter or an invitee sees it; nobody else may look.</summary>
    public async Task<Result<Invitation>> GetAsync(Actor caller, string invitationId, CancellationToken cancellationToken = default)
    {
        var invitation = await store.GetInvitationAsync(invitationId, cancellationToken);
        if (invitation is null)
        {
            return SignalingError.InvitationNotFound(invitationId);
        }

        if (!invitation.Involves(caller.UserId))
        {
            return SignalingError.Denied("You are not part of this invitation.");
        }

        // Past its due time (a ringing timeout, an overlong call), the read fires it itself rather than wait for the worker:
        // it then shows what an answer would be told (Expired), and an answer decided just before the due time but not
        // yet committed loses the version race instead of overturning what this read showed.
        if (invitation.NextDue() is { } due && due <= clock.GetUtcNow())
        {
            await FireTimeoutAsync(invitationId, cancellationToken);
            invitation = await store.GetInvitationAsync(invitationId, cancellationToken) ?? invitation;
        }

        return invitation;
    }

    /// <summary>
    /// Hangs up the connected call <paramref name="actor"/> is in with <paramref name="peers"/>, if there is one: for
    /// surfaces whose apps end a call by convention rather than by a hang-up call. Nothing happens otherwise.
    /// </summary>
    public async Task<Result<Invitation>?> HangUpCallWithAsync(Actor actor, IReadOnlyCollection<string> peers, string? data, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(InvitationKeys.CurrentCall(actor.UserId), cancellationToken) is not { } callId
            || await store.GetInvitationAsync(callId, cancellationToken) is not { Status: InvitationStatus.Connected } call
            || !call.IsParticipant(actor.UserId) || !peers.Any(call.Involves))
        {
            return null;
        }

        return await HangUpAsync(actor, callId, data, cancellationToken);
    }

    /// <summary>The latest invitation for a media room, as its inviter or an invitee sees it.</summary>
    public Task<Result<Invitation>> FindByRoomAsync(Actor caller, string roomId, CancellationToken cancellationToken = default) =>
        FindAsync(caller, InvitationKeys.Room(roomId), roomId, cancellationToken);

    /// <summary>The invitation <paramref name="inviterId"/> made in <paramref name="roomId"/> to <paramref name="invitee"/> with a client request id.</summary>
    public Task<Result<Invitation>> FindByRequestAsync(
        Actor caller, string inviterId, string requestId, string roomId, string invitee, CancellationToken cancellationToken = default) =>
        FindAsync(caller, InvitationKeys.Request(inviterId, requestId, roomId, [invitee]), requestId, cancellationToken);

    /// <summary>The group's latest invitation while it has not ended: the group's ongoing call.</summary>
    public async Task<Result<Invitation>> FindGroupCallAsync(Actor caller, string groupId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(caller, InvitationKeys.GroupCall(groupId), groupId, cancellationToken);
        return found.IsSuccess && found.Value.Status == InvitationStatus.Ended ? SignalingError.InvitationNotFound(groupId) : found;
    }

    public Task<Result<Invitation>> AcceptAsync(Actor actor, string invitationId, string? data, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, invitationId, data, (i, now) => i.Accept(actor, data ?? "", now), cancellationToken);

    public Task<Result<Invitation>> RejectAsync(Actor actor, string invitationId, string? data, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, invitationId, data, (i, now) => i.Reject(actor, data ?? "", now), cancellationToken);

    public Task<Result<Invitation>> CancelAsync(Actor actor, string invitationId, string? data, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, invitationId, data, (i, now) => i.Cancel(actor, data ?? "", now), cancellationToken);

    public Task<Result<Invitation>> HangUpAsync(Actor actor, string invitationId, string? data, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, invitationId, data, (i, now) => i.HangUp(actor, data ?? "", now), cancellationToken);

    /// <summary>An operator ends the invitation for everyone (see <see cref="Invitation.EndByOperator"/>).</summary>
    public Task<Result<Invitation>> EndByOperatorAsync(string invitationId, CancellationToken cancellationToken = default) =>
        TransitionAsync(Actor.Server, invitationId, null, (i, now) => i.EndByOperator(now), cancellationToken);

    /// <summary>The inviter replaces the invitation's custom data; everyone still in the call is told.</summary>
    public Task<Result<Invitation>> ModifyAsync(Actor actor, string invitationId, string? data, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, invitationId, data, (i, now) => i.Modify(actor, data ?? "", now), cancellationToken);

    /// <summary>A message inside a call, from one of its people to another (Agora's DTMF); delivered online only, nothing changes.</summary>
    public async Task<Result<Invitation>> SendInCallAsync(Actor actor, string invitationId, string to, string data, CancellationToken cancellationToken = default)
    {
        if (Limits.CheckData("data", data) is { } tooLarge)
        {
            return tooLarge;
        }

        var invitation = await store.GetInvitationAsync(invitationId, cancellationToken);
        if (invitation is null || !invitation.Involves(actor.UserId) || !invitation.Involves(to) || invitation.Status == InvitationStatus.Ended)
        {
            return SignalingError.InvitationNotFound(invitationId);
        }

        var now = clock.GetUtcNow();
        var commit = new Commit();
        commit.Events.Add((Builder(invitation, actor, now, data) with { Durable = false, ExpiresAt = now + _options.EndedGrace })
            .For(new Notice(to, EventKind.InvitationMessage)));
        await store.CommitAsync(commit, cancellationToken);
        return invitation;
    }

    /// <summary>
    /// Fires one due timeout. Idempotent: a timeout whose invitees were all answered meanwhile only clears itself,
    /// so a timeout claimed twice (a node died mid-way) still times each invitee out once.
    /// </summary>
    public async Task FireTimeoutAsync(string invitationId, CancellationToken cancellationToken = default)
    {
        List<InviteeState> outcomes = [];
        var fired = await CommandRunner.RunAsync(store, async () =>
        {
            var invitation = await store.GetInvitationAsync(invitationId, cancellationToken);
            var now = clock.GetUtcNow();
            var commit = new Commit();
            if (invitation is null)
            {
                commit.CancelTimeouts.Add(invitationId);
                return new Decision<bool>(true, commit);
            }

            if (invitation.NextDue() is { } due && due > now)
            {
                // Claimed early: the index keeps whole milliseconds, and nodes' clocks differ. Schedule it again, which
                // also ends the claim's lease; left leased, it would fire a lease (30 s) late.
                commit.ScheduleTimeouts[invitationId] = due;
                return new Decision<bool>(false, commit);
            }

            var before = invitation.Status;
            var pending = Pending(invitation);
            var notices = invitation.TimeOut(now);
            notices.AddRange(invitation.EndIfOverlong(now));
            outcomes = Outcomes(pending, invitation);
            if (invitation.NextDue() is { } next)
            {
                commit.ScheduleTimeouts[invitationId] = next; // A group call rings on while connected: its call end is still to come.
            }
            else
            {
                commit.CancelTimeouts.Add(invitationId);
            }

            if (notices.Count > 0)
            {
                commit.Invitations.Add(invitation);
                commit.Events.AddRange(Builder(invitation, Actor.Server, now, invitation.Data).For(notices));
                EndIfOver(invitation, before, commit);
            }

            return new Decision<bool>(true, commit);
        }, cancellationToken);
        if (fired.IsSuccess)
        {
            outcomes.ForEach(metrics.InviteeAnswered);
        }
    }

    private async Task<Result<Invitation>> TransitionAsync(
        Actor actor,
        string invitationId,
        string? data,
        Func<Invitation, DateTimeOffset, Result<List<Notice>>> decide,
        CancellationToken cancellationToken)
    {
        if (Limits.CheckData("data", data) is { } tooLarge)
        {
            return tooLarge;
        }

        List<InviteeState> outcomes = [];
        var result = await CommandRunner.RunAsync(store, async () =>
        {
            var invitation = await store.GetInvitationAsync(invitationId, cancellationToken);
            if (invitation is null)
            {
                return Decision<Invitation>.Fail(SignalingError.InvitationNotFound(invitationId));
            }

            var now = clock.GetUtcNow();
            var before = invitation.Status;
            var pending = Pending(invitation);
            var notices = decide(invitation, now);
            outcomes = Outcomes(pending, invitation);
            if (!notices.IsSuccess)
            {
                return Decision<Invitation>.Fail(notices.Error);
            }

            var commit = new Commit();
            commit.Invitations.Add(invitation);
            commit.Events.AddRange(Builder(invitation, actor, now, data ?? "").For(notices.Value));
            if (invitation.Status == InvitationStatus.Connected && invitation.FindInvitee(actor.UserId)?.State == InviteeState.Accepted)
            {
                // The first accept connects the call, so the inviter is now in it too.
                string[] inCall = before == InvitationStatus.Ringing ? [invitation.Inviter.UserId, actor.UserId] : [actor.UserId];
                MarkInCall(invitation, inCall, commit);
                if (before == InvitationStatus.Ringing && _options.MaxCallDuration > TimeSpan.Zero)
                {
                    invitation.CallEndsAt = now + _options.MaxCallDuration;
                    commit.ScheduleTimeouts[invitation.Id] = invitation.NextDue()!.Value;
                }
            }

            EndIfOver(invitation, before, commit);
            return new Decision<Invitation>(invitation, commit);
        }, cancellationToken, serializeOn: invitationId);
        if (result.IsSuccess)
        {
            outcomes.ForEach(metrics.InviteeAnswered);
        }

        return result;
    }

    private static HashSet<string> Pending(Invitation invitation) =>
        invitation.Invitees.Where(i => i.State == InviteeState.Pending).Select(i => i.UserId).ToHashSet(StringComparer.Ordinal);

    /// <summary>How the invitees pending before a decision stopped ringing in it.</summary>
    private static List<InviteeState> Outcomes(HashSet<string> pendingBefore, Invitation after) =>
        after.Invitees.Where(i => pendingBefore.Contains(i.UserId) && i.State != InviteeState.Pending).Select(i => i.State).ToList();

    private async Task<Result<Invitation>> FindAsync(Actor caller, string key, string name, CancellationToken cancellationToken) =>
        await store.FindAsync(key, cancellationToken) is { } id
            ? await GetAsync(caller, id, cancellationToken)
            : SignalingError.InvitationNotFound(name);

    /// <summary>Points each user's current-call key at this invitation, whatever it pointed at (no read needed).</summary>
    private static void MarkInCall(Invitation invitation, IEnumerable<string> users, Commit commit) =>
        commit.Index.AddRange(users.Distinct().Select(u => IndexWrite.Replace(InvitationKeys.CurrentCall(u), invitation.Id)));

    /// <summary>When an invitation ends: no timeout left, its non-durable events may go, and its people are free again.</summary>
    private void EndIfOver(Invitation invitation, InvitationStatus before, Commit commit)
    {
        if (before == InvitationStatus.Ended || invitation.Status != InvitationStatus.Ended)
        {
            return;
        }

        commit.ScheduleTimeouts.Remove(invitation.Id);
        if ((invitation.ExpiresAt ?? invitation.CallEndsAt) is not null && !commit.CancelTimeouts.Contains(invitation.Id))
        {
            commit.CancelTimeouts.Add(invitation.Id);
        }

        commit.ExpireScopes[invitation.Id] = (invitation.EndedAt ?? clock.GetUtcNow()) + _options.EndedGrace;
        // A user who has moved on to another call keeps pointing at that one: the store checks, the command need not read.
        commit.Index.AddRange(invitation.Invitees.Select(i => i.UserId).Prepend(invitation.Inviter.UserId)
            .Select(u => IndexWrite.RemoveIfHolds(InvitationKeys.CurrentCall(u), invitation.Id)));
    }

    private async Task<HashSet<string>> OfflineAsync(Invitation invitation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var offline = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invitee in invitation.Invitees)
        {
            if (await presence.CountConnectionsAsync(invitee.UserId, now, cancellationToken) == 0)
            {
                offline.Add(invitee.UserId);
            }
        }

        return offline;
    }

    /// <summary>When the call's room is a live channel (NIM, Agora), its events carry the channel's name, type and times.</summary>
    private async Task<ChannelView?> ChannelOfRoomAsync(string? roomId, DateTimeOffset now, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(roomId) && await store.GetChannelAsync(roomId, cancellationToken) is { } channel && channel.IsAlive(now)
            ? channel.ToView() with { Members = [], Attributes = new Dictionary<string, string>() }
            : null;

    /// <summary>Every lookup key an invite reads, fetched together: one round trip for a network store.</summary>
    private async Task<Dictionary<string, string?>> InviteKeysAsync(
        string? requestKey, InviteRequest request, IReadOnlyList<string> invitees, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        if (requestKey is not null)
        {
            keys.Add(requestKey);
        }

        if (NullIfEmpty(request.RoomId) is { } room)
        {
            keys.Add(InvitationKeys.Room(room));
        }

        if (NullIfEmpty(request.GroupId) is { } group)
        {
            keys.Add(InvitationKeys.GroupCall(group));
        }

        if (!request.RingWhenBusy)
        {
            keys.AddRange(invitees.Select(InvitationKeys.CurrentCall));
        }

        var values = keys.Count == 0 ? [] : await store.FindManyAsync(keys, cancellationToken);
        return keys.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private async Task<bool> IsInCallAsync(string userId, string? callId, CancellationToken cancellationToken)
    {
        if (callId is null)
        {
            return false;
        }

        var call = await store.GetInvitationAsync(callId, cancellationToken);
        return call is { Status: InvitationStatus.Connected } && call.IsParticipant(userId);
    }

    private EventBuilder Builder(Invitation invitation, Actor actor, DateTimeOffset now, string data) =>
        new(actor, now, Durable: !invitation.OnlineUserOnly, ExpiresAt: now + _options.Retention)
        {
            InvitationId = invitation.Id,
            ChannelId = invitation.Channel?.Id,
            Channel = invitation.Channel,
            Data = data,
            Invitation = invitation.ToView(),
            Step = invitation.History.Count,
        };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
