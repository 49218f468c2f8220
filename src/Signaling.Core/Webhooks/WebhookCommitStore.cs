using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Users;

namespace Signaling.Core.Webhooks;

/// <summary>
/// The store as the core's services see it once webhooks are on: before each commit it adds the webhook messages the
/// commit causes, so they are written atomically with it — <c>push.requested</c> for every invitee the commit rings
/// who has no live stream, and <c>call.record</c> for every invitation the commit ends (once: the invitation keeps when
/// its record was written). Everything else passes through.
/// </summary>
public sealed class WebhookCommitStore(ISignalingStore inner, WebhookMessages messages, IPresenceRegistry presence, TimeProvider clock) : ISignalingStore
{
    public async Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (messages.Wants(WebhookTypes.PushRequested))
        {
            foreach (var rung in commit.Events.Where(e => e.Kind == EventKind.InvitationReceived && e.InvitationId is not null).DistinctBy(e => (e.Recipient, e.InvitationId)))
            {
                if (commit.Invitations.Find(i => i.Id == rung.InvitationId) is { } invitation
                    && await presence.CountConnectionsAsync(rung.Recipient, now, cancellationToken) == 0)
                {
                    commit.Outbox.AddRange(messages.PushRequested(invitation, rung.Recipient, now));
                }
            }
        }

        foreach (var ended in commit.Invitations.Where(i => i.Status == InvitationStatus.Ended && i.RecordedAt is null && messages.Wants(WebhookTypes.CallRecord)))
        {
            ended.RecordedAt = now;
            commit.Outbox.AddRange(messages.CallRecord(ended, now));
        }

        return await inner.CommitAsync(commit, cancellationToken);
    }

    public Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) => inner.GetInvitationAsync(id, cancellationToken);

    public Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default) => inner.GetChannelAsync(id, cancellationToken);

    public Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default) => inner.GetUserAsync(id, cancellationToken);

    public Task<string?> FindAsync(string key, CancellationToken cancellationToken = default) => inner.FindAsync(key, cancellationToken);

    public Task<IReadOnlyList<string?>> FindManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => inner.FindManyAsync(keys, cancellationToken);

    public Task<Page<string>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default) => inner.ListChannelsAsync(cursor, limit, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
}
