using System.Collections.Concurrent;

namespace Signaling.Core.Ports;

/// <summary>
/// Wakes this node's live readers of a user's log. A reader registers for the user while it streams, takes a waiter
/// <em>before</em> reading the log, and awaits it only if the read found nothing, so an append between the read and
/// the wait is never missed. A wake-up carries no events: readers always read the log, so a lost wake-up costs
/// latency, never data. Users with no live reader take no memory.
/// </summary>
public sealed class EventWakeups
{
    private readonly ConcurrentDictionary<string, Readers> _readers = new(StringComparer.Ordinal);
    private TaskCompletionSource _outbox = NewSignal();

    /// <summary>The number of users with a live reader on this node.</summary>
    public int UsersWatched => _readers.Count;

    /// <summary>Counts a live reader of <paramref name="userId"/> until the returned handle is disposed.</summary>
    public IDisposable Register(string userId)
    {
        while (true)
        {
            var readers = _readers.GetOrAdd(userId, static _ => new Readers());
            lock (readers)
            {
                if (!readers.Removed)
                {
                    readers.Count++;
                    return new Registration(this, userId, readers);
                }
            }
        }
    }

    /// <summary>Completes at the next wake-up for the user; the caller must be registered for the user.</summary>
    public Task WaitFor(string userId)
    {
        var readers = _readers[userId];
        lock (readers)
        {
            return readers.Signal.Task;
        }
    }

    public void Wake(string userId)
    {
        if (!_readers.TryGetValue(userId, out var readers))
        {
            return;
        }

        TaskCompletionSource woken;
        lock (readers)
        {
            woken = readers.Signal;
            readers.Signal = NewSignal();
        }

        woken.TrySetResult();
    }

    public void Wake(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds)
        {
            Wake(userId);
        }
    }

    /// <summary>Completes when a commit on this node next writes webhook messages (take it before looking, as with users).</summary>
    public Task OutboxWritten => Volatile.Read(ref _outbox).Task;

    public void WakeOutbox() => Interlocked.Exchange(ref _outbox, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Release(string userId, Readers readers)
    {
        lock (readers)
        {
            if (--readers.Count > 0)
            {
                return;
            }

            readers.Removed = true;
        }

        _readers.TryRemove(new KeyValuePair<string, Readers>(userId, readers));
    }

    private sealed class Readers
    {
        public int Count { get; set; }

        public bool Removed { get; set; }

        public TaskCompletionSource Signal { get; set; } = NewSignal();
    }

    private sealed class Registration(EventWakeups owner, string userId, Readers readers) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(userId, readers);
            }
        }
    }
}
