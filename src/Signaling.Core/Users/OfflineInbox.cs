using Microsoft.Extensions.Options;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Core.Users;

/// <summary>
/// What a user missed while offline, for surfaces whose clients ask for it after connecting (NIM's signalingSync):
/// call events kept for offline delivery, minus those the user marked read on any device, minus invitations the
/// user has already answered. Marking an event read stops the user's other devices being offered it again.
/// </summary>
public sealed class OfflineInbox(ISignalingStore store, IEventLog log, TimeProvider clock, IOptions<SignalingOptions> options)
{
    /// <summary>How far back the inbox looks, in events.</summary>
    public const int Window = 200;

    private static readonly HashSet<EventKind> Kinds =
        [EventKind.InvitationReceived, EventKind.InvitationCancelled, EventKind.InviteeAccepted, EventKind.InviteeRejected];

    private readonly SignalingOptions _options = options.Value;

    public async Task<IReadOnlyList<OfflineItem>> ReadUnreadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var read = (await store.GetUserAsync(userId, cancellationToken))?.ReadEvents.ToHashSet() ?? [];
        var now = clock.GetUtcNow();
        var items = new List<OfflineItem>();
        foreach (var e in await log.ReadRecentAsync(userId, Window, cancellationToken))
        {
            if (!e.Durable || !Kinds.Contains(e.Kind) || e.Actor.UserId == userId || read.Contains(e.Sequence) || e.InvitationId is null)
            {
                continue;
            }

            var invitation = await store.GetInvitationAsync(e.InvitationId, cancellationToken);
            var answered = invitation?.FindInvitee(userId)?.State is InviteeState.Accepted or InviteeState.Rejected;
            if (e.Kind == EventKind.InvitationReceived && answered)
            {
                continue;
            }

            items.Add(new OfflineItem(e, await IsValidAsync(invitation, now, cancellationToken)));
        }

        return items;
    }

    /// <summary>Sends the unread list to the asking device as one <see cref="EventKind.OfflineSync"/> event, and returns it.</summary>
    public async Task<IReadOnlyList<OfflineItem>> SyncAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var items = await ReadUnreadAsync(actor.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        var commit = new Commit();
        commit.Events.Add(new EventBuilder(actor, now, Durable: false, ExpiresAt: now + _options.EndedGrace)
            .For(new Notice(actor.UserId, EventKind.OfflineSync, Device: actor.DeviceId)) with { Items = items });
        await store.CommitAsync(commit, cancellationToken);
        return items;
    }

    /// <summary>Marks the user's events <paramref name="sequences"/> read on every device.</summary>
    public Task<Result<int>> MarkReadAsync(Actor actor, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default) =>
        CommandRunner.RunAsync(store, async () =>
        {
            var profile = await store.GetUserAsync(actor.UserId, cancellationToken) ?? new UserProfile { Id = actor.UserId };
            var added = sequences.Where(s => s > 0 && !profile.ReadEvents.Contains(s)).Distinct().ToList();
            if (added.Count == 0)
            {
                return new Decision<int>(0, null);
            }

            profile.ReadEvents.AddRange(added);
            if (profile.ReadEvents.Count > UserProfile.MaxReadMarks)
            {
                profile.ReadEvents.RemoveRange(0, profile.ReadEvents.Count - UserProfile.MaxReadMarks);
            }

            var commit = new Commit();
            commit.Users.Add(profile);
            return new Decision<int>(added.Count, commit);
        }, cancellationToken);

    private async Task<bool> IsValidAsync(Invitation? invitation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (invitation is null)
        {
            return false;
        }

        if (invitation.Channel is { } channel)
        {
            return await store.GetChannelAsync(channel.Id, cancellationToken) is { } live && live.IsAlive(now);
        }

        return invitation.Status != InvitationStatus.Ended;
    }
}
