namespace Signaling.Core.Ports;

/// <summary>
/// Durable timeouts. Scheduling and cancelling happen inside <see cref="ISignalingStore.CommitAsync"/>.
/// <see cref="ClaimDueAsync"/> atomically leases due timeouts: while a lease lasts no other claimer (on any node)
/// gets the same timeout; if the claimer dies before the commit that cancels it, the lease runs out and the
/// timeout is claimed again. Handlers are idempotent, so a timeout's effect happens exactly once.
/// </summary>
public interface ITimeoutIndex
{
    Task<IReadOnlyList<DueTimeout>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of invitations with a scheduled timeout — every invitation still ringing or connected — a page at a time
    /// (about <paramref name="limit"/> ids; the cursor is the provider's own).
    /// </summary>
    Task<Page<string>> ListScheduledAsync(string? cursor, int limit, CancellationToken cancellationToken = default);
}
