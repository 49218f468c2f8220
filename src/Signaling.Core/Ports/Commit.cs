using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Users;

namespace Signaling.Core.Ports;

/// <summary>
/// Everything one command changes, written in one atomic step: aggregates (each saved only if its
/// <c>Version</c> is still the stored one), lookup keys, events for every recipient, and timeouts.
/// A crash therefore never leaves an invitation without its events or its timeout.
/// </summary>
public sealed class Commit
{
    public List<Invitation> Invitations { get; } = [];

    public List<Channel> Channels { get; } = [];

    public List<UserProfile> Users { get; } = [];

    public List<IndexWrite> Index { get; } = [];

    /// <summary>
    /// Ids this command made itself (<see cref="Ids"/>): nothing can be stored under them yet, so a store's commit check
    /// need not read what it would otherwise check for an aggregate at version 0 with such an id.
    /// </summary>
    public HashSet<string> Minted { get; } = new(StringComparer.Ordinal);

    /// <summary>Events to append; the log assigns each recipient's next sequence number.</summary>
    public List<SignalingEvent> Events { get; } = [];

    /// <summary>Invitation id → when its timeout is due (replaces an earlier schedule).</summary>
    public Dictionary<string, DateTimeOffset> ScheduleTimeouts { get; } = [];

    public List<string> CancelTimeouts { get; } = [];

    /// <summary>Webhook messages, one per endpoint that wants them (see <see cref="Webhooks.WebhookCommitStore"/>).</summary>
    public List<Webhooks.WebhookMessage> Outbox { get; } = [];

    /// <summary>Invitations and channels that ended → when their non-durable events may go (the end plus a grace period).</summary>
    public Dictionary<string, DateTimeOffset> ExpireScopes { get; } = [];
}
