using System.Collections.Concurrent;

namespace Signaling.Core.Ports;

/// <summary>
/// Wakes this node's live readers of a user's log. A reader takes a waiter <em>before</em> reading the log and
/// awaits it only if the read found nothing, so an append between the read and the wait is never missed.
/// A wake-up carries no events: readers always read the log, so a lost wake-up costs latency, never data.
/// </summary>
public sealed class EventWakeups
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public Task WaitFor(string userId) =>
        _waiters.GetOrAdd(userId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Wake(string userId)
    {
        if (_waiters.TryRemove(userId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public void Wake(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds)
        {
            Wake(userId);
        }
    }
}
