using System.Collections.Concurrent;
using Signaling.Core.Events;

namespace Signaling.Core.Ports;

/// <summary>
/// Wakes this node's live readers of a user's log. A reader registers for the user while it streams, takes a waiter
/// <em>before</em> reading the log, and awaits it only if the read found nothing, so an append between the read and
/// the wait is never missed. A wake-up carries no events: readers always read the log, so a lost wake-up costs
/// latency, never data. Users with no live reader take no memory. A commit whose events none of a user's readers here
/// would show (what a device did, told to that same device's only stream) does not wake them: they pass over those
/// events at their next read.
/// </summary>
public sealed class EventWakeups
{
    private readonly ConcurrentDictionary<string, Readers> _readers = new(StringComparer.Ordinal);
    private TaskCompletionSource _outbox = NewSignal();

    /// <summary>The number of users with a live reader on this node.</summary>
    public int UsersWatched => _readers.Count;

    /// <summary>Whether the user has a live reader on this node.</summary>
    public bool Watches(string userId) => _readers.ContainsKey(userId);

    /// <summary>
    /// Counts a live reader of <paramref name="userId"/> until the returned handle is disposed. A reader on
    /// <paramref name="deviceId"/> without <paramref name="ownActions"/> shows only what <see cref="SignalingEvent.IsVisibleOn"/>
    /// lets it; by default a reader is woken for every event.
    /// </summary>
    public IDisposable Register(string userId, string? deviceId = null, bool ownActions = true)
    {
        var viewer = new Viewer(deviceId, ownActions);
        while (true)
        {
            var readers = _readers.GetOrAdd(userId, static _ => new Readers());
            lock (readers)
            {
                if (!readers.Removed)
                {
                    readers.Viewers.Add(viewer);
                    return new Registration(this, userId, readers, viewer);
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

    /// <summary>Wakes each recipient of a commit's <paramref name="events"/> that has a reader here which would show one of them.</summary>
    public void Wake(IReadOnlyList<SignalingEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var recipient = events[i].Recipient;
            if (!FirstFor(events, i) || !_readers.TryGetValue(recipient, out var readers))
            {
                continue;
            }

            var shows = false;
            lock (readers)
            {
                foreach (var viewer in readers.Viewers)
                {
                    if (Shows(viewer, events, i))
                    {
                        shows = true;
                        break;
                    }
                }
            }

            if (shows)
            {
                Wake(recipient);
            }
        }
    }

    /// <summary>Completes when a commit on this node next writes webhook messages (take it before looking, as with users).</summary>
    public Task OutboxWritten => Volatile.Read(ref _outbox).Task;

    public void WakeOutbox() => Interlocked.Exchange(ref _outbox, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool FirstFor(IReadOnlyList<SignalingEvent> events, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (events[i].Recipient == events[index].Recipient)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="viewer"/> shows any of the events for the recipient of events[<paramref name="first"/>].</summary>
    private static bool Shows(Viewer viewer, IReadOnlyList<SignalingEvent> events, int first)
    {
        for (var i = first; i < events.Count; i++)
        {
            if (events[i].Recipient == events[first].Recipient && events[i].IsVisibleOn(viewer.DeviceId, viewer.OwnActions))
            {
                return true;
            }
        }

        return false;
    }

    private void Release(string userId, Readers readers, Viewer viewer)
    {
        lock (readers)
        {
            readers.Viewers.Remove(viewer);
            if (readers.Viewers.Count > 0)
            {
                return;
            }

            readers.Removed = true;
        }

        _readers.TryRemove(new KeyValuePair<string, Readers>(userId, readers));
    }

    /// <summary>One live reader (two readers on one device are two viewers).</summary>
    private sealed class Viewer(string? deviceId, bool ownActions)
    {
        public string? DeviceId { get; } = deviceId;

        public bool OwnActions { get; } = ownActions;
    }

    private sealed class Readers
    {
        public List<Viewer> Viewers { get; } = [];

        public bool Removed { get; set; }

        public TaskCompletionSource Signal { get; set; } = NewSignal();
    }

    private sealed class Registration(EventWakeups owner, string userId, Readers readers, Viewer viewer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(userId, readers, viewer);
            }
        }
    }
}
