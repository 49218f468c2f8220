using Signaling.Core.Webhooks;

namespace Signaling.Core.Ports;

/// <summary>
/// The queue of webhook messages the commits wrote (<see cref="Commit.Outbox"/>), as deliverers take from it.
/// Per endpoint and user, only the oldest message is ever handed out, and only to one claimer until its lease ends,
/// so messages reach an endpoint in commit order per user and no two nodes send the same message at once.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Up to <paramref name="max"/> due messages for <paramref name="endpoint"/>, each the oldest of its user's, leased
    /// until <paramref name="leaseUntil"/> (after that, another claimer may take it: at least once, never lost).
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(string endpoint, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default);

    /// <summary>Removes a message that was delivered, or given up on; the user's next message becomes due.</summary>
    Task CompleteAsync(OutboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Keeps a message that failed, due again at <paramref name="retryAt"/>, with one more attempt and its error.</summary>
    Task RetryAsync(OutboxEntry entry, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default);

    /// <summary>How many messages wait for <paramref name="endpoint"/>, and when the oldest was written.</summary>
    Task<OutboxBacklog> BacklogAsync(string endpoint, CancellationToken cancellationToken = default);
}

public sealed record OutboxBacklog(long Messages, DateTimeOffset? OldestCreatedAt);
