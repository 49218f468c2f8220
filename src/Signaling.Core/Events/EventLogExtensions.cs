using Signaling.Core.Ports;

namespace Signaling.Core.Events;

public static class EventLogExtensions
{
    /// <summary>The user's newest events still kept, at most <paramref name="count"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<SignalingEvent>> ReadRecentAsync(
        this IEventLog log, string userId, int count, CancellationToken cancellationToken = default)
    {
        var last = await log.GetLastSequenceAsync(userId, cancellationToken);
        return await log.ReadAsync(userId, Math.Max(0, last - count), count, cancellationToken);
    }
}
