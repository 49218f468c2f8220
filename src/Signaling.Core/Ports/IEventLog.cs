using Signaling.Core.Events;

namespace Signaling.Core.Ports;

/// <summary>
/// Each user's event log. Appends happen inside <see cref="ISignalingStore.CommitAsync"/>; sequence numbers
/// per user start at 1 and increase by one with no gaps at append time, in commit order. Reads return events
/// in sequence order. Events past their <c>ExpiresAt</c> may be purged; a reader that asks for events after
/// a purged one simply gets the next surviving ones.
/// </summary>
public interface IEventLog
{
    /// <summary>Up to <paramref name="max"/> events with sequence greater than <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<SignalingEvent>> ReadAsync(string userId, long after, int max, CancellationToken cancellationToken = default);

    /// <summary>The user's newest sequence number, 0 when the log is empty.</summary>
    Task<long> GetLastSequenceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Drops events whose retention has ended; returns how many went.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
