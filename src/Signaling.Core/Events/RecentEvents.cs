using Microsoft.Extensions.Caching.Memory;

namespace Signaling.Core.Events;

/// <summary>
/// Each user's newest events, so a store can answer a live stream's read from memory: a stream woken by a commit reads
/// just after its cursor, and what it wants is almost always here. A read is answered only from a run of consecutive
/// sequences that starts right after the cursor; when the events held start later, or a sequence is missing between
/// the cursor and a newer one held, the answer is "not here" and the store reads its log. "Nothing newer" is answered
/// from memory, so the store must add every event of a user it keeps, or <see cref="Forget"/> the user.
/// Events may arrive out of order (from different connections); they are kept sorted.
/// </summary>
public sealed class RecentEvents : IDisposable
{
    private const int PerUser = 16;
    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(5) };
    private readonly MemoryCache _users = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    /// <summary>
    /// Adds the event, starting the user's window if there is none (one writer starts windows, so none is lost to a
    /// race); false when it was held already or is older than a full window keeps.
    /// </summary>
    public bool Add(SignalingEvent signalingEvent) => UserOf(signalingEvent.Recipient).Add(signalingEvent);

    /// <summary>Adds the event only to a window the user already has.</summary>
    public void AddIfKept(SignalingEvent signalingEvent)
    {
        if (_users.TryGetValue(signalingEvent.Recipient, out UserEvents? events))
        {
            events!.Add(signalingEvent);
        }
    }

    public bool Contains(string userId, long sequence) =>
        _users.TryGetValue(userId, out UserEvents? events) && events!.Contains(sequence);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>, or null when memory cannot say (read the log).</summary>
    public IReadOnlyList<SignalingEvent>? TryRead(string userId, long after, int max) =>
        _users.TryGetValue(userId, out UserEvents? events) ? events!.After(after, max) : null;

    /// <summary>Stops keeping the user: an event of theirs will not be added.</summary>
    public void Forget(string userId) => _users.Remove(userId);

    /// <summary>Forgets everyone: what is held may be missing events (a purge, a lost connection).</summary>
    public void Clear() => _users.Clear();

    public void Dispose() => _users.Dispose();

    private UserEvents UserOf(string userId) =>
        _users.TryGetValue(userId, out UserEvents? events) ? events! : _users.Set(userId, new UserEvents(), EntryOptions);

    /// <summary>One user's window, sorted by sequence, at most <see cref="PerUser"/> events (the oldest go first).</summary>
    private sealed class UserEvents
    {
        private readonly Lock _lock = new();
        private readonly List<SignalingEvent> _events = new(PerUser);

        public bool Add(SignalingEvent signalingEvent)
        {
            lock (_lock)
            {
                var at = IndexOf(signalingEvent.Sequence);
                if (at >= 0 || (~at == 0 && _events.Count == PerUser))
                {
                    return false; // Held already, or older than a full window keeps.
                }

                if (_events.Count == PerUser)
                {
                    _events.RemoveAt(0);
                    at++;
                }

                _events.Insert(~at, signalingEvent);
                return true;
            }
        }

        public bool Contains(long sequence)
        {
            lock (_lock)
            {
                return IndexOf(sequence) >= 0;
            }
        }

        public IReadOnlyList<SignalingEvent>? After(long after, int max)
        {
            lock (_lock)
            {
                var first = IndexOf(after + 1);
                if (first < 0)
                {
                    // Nothing held after the cursor means nothing newer exists; something held but not the next one means a gap.
                    return _events.Count > 0 && _events[^1].Sequence <= after ? [] : null;
                }

                var count = 1;
                while (count < max && first + count < _events.Count && _events[first + count].Sequence == after + 1 + count)
                {
                    count++;
                }

                return _events.GetRange(first, count);
            }
        }

        /// <summary>The index of the sequence, or the complement of where it would go (as <see cref="List{T}.BinarySearch(T)"/>).</summary>
        private int IndexOf(long sequence)
        {
            int low = 0, high = _events.Count - 1;
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var held = _events[middle].Sequence;
                if (held == sequence)
                {
                    return middle;
                }

                if (held < sequence)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return ~low;
        }
    }
}
