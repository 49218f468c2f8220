using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Signaling.Core.Events;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// What this process committed and has not yet applied, what it read lately, and each user's newest events. It is
/// coherent because one process owns the database file and every commit passes through <see cref="Committed"/> in
/// commit order. What is journalled but not yet copied into the tables is <em>pinned</em> until <see cref="Applied"/>,
/// so a read never falls through to a table that does not have it yet; after that a committed value is not kept (a
/// later read fetches and remembers it), except a removed key, remembered as absent. Keeping every committed invitation and key for minutes filled the oldest
/// generation of the heap with entries rarely read again, and collecting them cost more than the reads they saved
/// (measured at 3,000 offered cycles/s: 1,160–1,410 → 1,520–1,610 cycles/s). A value read from the file is cached only
/// if no commit happened during the read (a generation check), so a slow read can never overwrite a newer commit.
/// Read entries are bounded and expire; a miss reads the file.
/// </summary>
public sealed class SqliteCache : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    // Read, never changed, by every Set: one instance serves them all.
    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, SlidingExpiration = Idle };
    private readonly MemoryCache _values = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly RecentEvents _recent = new();
    private readonly ConcurrentDictionary<string, Pin> _pinned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(SignalingEvent Event, long Number)>> _pinnedEvents = new(StringComparer.Ordinal);

    // What each journal record pinned, oldest first: an apply unpins what it covers without looking at the rest.
    private readonly Queue<PinnedRecord> _pinOrder = new();
    private readonly Lock _sync = new();
    private long _generation;

    /// <summary>Made by <see cref="SqliteDatabase"/>, whose writer keeps it coherent.</summary>
    internal SqliteCache()
    {
    }

    public long Generation => Volatile.Read(ref _generation);

    public bool TryGetAggregate(string key, out StoredAggregate aggregate)
    {
        if (_pinned.TryGetValue(key, out var pin))
        {
            aggregate = (StoredAggregate)pin.Value;
            return true;
        }

        return _values.TryGetValue(key, out aggregate!);
    }

    /// <summary>Every lookup key ever given a value: one it has not seen is absent without a read.</summary>
    public LookupKeyFilter Keys { get; } = new();

    public bool TryGetLookup(string key, out string? value)
    {
        var lookup = (_pinned.TryGetValue(key, out var pin) ? pin.Value : _values.Get(key)) as LookupValue;
        value = lookup?.Value;
        return lookup is not null || !Keys.MayContain(key);
    }

    /// <summary>Caches a value read from the file, unless a commit happened since <paramref name="generation"/>.</summary>
    public void Remember(long generation, string key, object value)
    {
        lock (_sync)
        {
            if (_generation == generation)
            {
                Set(key, value);
            }
        }
    }

    /// <summary>Journal record <paramref name="number"/> was written: its values and events are what reads see from now on, pinned until applied.</summary>
    internal void Committed(List<(string Key, object Value)> values, SignalingEvent[] events, long number)
    {
        lock (_sync)
        {
            var record = new PinnedRecord(number);
            foreach (var (key, value) in values)
            {
                _values.Remove(key); // What was read before this commit is stale now.
                _pinned[key] = new Pin(value, number);
                record.Keys.Add(key);
                if (value is LookupValue { Value: not null })
                {
                    Keys.Add(key);
                }
            }

            foreach (var signalingEvent in events)
            {
                _recent.Add(signalingEvent);
                if (!_pinnedEvents.TryGetValue(signalingEvent.Recipient, out var pinned))
                {
                    _pinnedEvents[signalingEvent.Recipient] = pinned = [];
                }

                pinned.Add((signalingEvent, number));
                record.Recipients.Add(signalingEvent.Recipient);
            }

            _pinOrder.Enqueue(record);
            _generation++;
        }
    }

    /// <summary>The tables hold every journal record up to <paramref name="number"/>: what those pinned can go.</summary>
    internal void Applied(long number)
    {
        lock (_sync)
        {
            while (_pinOrder.TryPeek(out var record) && record.Number <= number)
            {
                _pinOrder.Dequeue();
                foreach (var key in record.Keys)
                {
                    // Only if no later commit pinned the key again: that pin stays until its own record is applied.
                    if (_pinned.TryGetValue(key, out var pin) && pin.Number <= number)
                    {
                        _pinned.TryRemove(key, out _);
                        if (pin.Value is LookupValue { Value: null })
                        {
                            // A removed key is one that gets read again (a user's current call, by their next invite or accept), and absent costs next to nothing to keep.
                            Set(key, pin.Value);
                        }
                    }
                }

                foreach (var userId in record.Recipients)
                {
                    // A user's pinned events are in record order: the ones this apply covers are at the front.
                    if (_pinnedEvents.TryGetValue(userId, out var pinned))
                    {
                        var covered = 0;
                        while (covered < pinned.Count && pinned[covered].Number <= number)
                        {
                            covered++;
                        }

                        pinned.RemoveRange(0, covered);
                        if (pinned.Count == 0)
                        {
                            _pinnedEvents.Remove(userId);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The user's journalled events not yet in the tables with sequence after <paramref name="after"/>, oldest first.</summary>
    internal List<SignalingEvent> PinnedEvents(string userId, long after)
    {
        lock (_sync)
        {
            return _pinnedEvents.TryGetValue(userId, out var pinned) ? pinned.Select(e => e.Event).Where(e => e.Sequence > after).ToList() : [];
        }
    }

    /// <summary>The user's newest sequence among journalled events not yet in the tables, 0 when none.</summary>
    internal long PinnedLastSequence(string userId)
    {
        lock (_sync)
        {
            return _pinnedEvents.TryGetValue(userId, out var pinned) ? pinned[^1].Event.Sequence : 0;
        }
    }

    /// <summary>After a purge the cached events may include dropped ones: start over from the file.</summary>
    public void ForgetRecentEvents()
    {
        lock (_sync)
        {
            _recent.Clear();
        }
    }

    /// <summary>The events after <paramref name="after"/> when the cache holds all of them, else null (read the file).</summary>
    public IReadOnlyList<SignalingEvent>? TryReadRecent(string userId, long after, int max) => _recent.TryRead(userId, after, max);

    public void Dispose()
    {
        _values.Dispose();
        _recent.Dispose();
    }

    private void Set(string key, object value) => _values.Set(key, value, EntryOptions);

    /// <summary>
    /// An aggregate at its stored version, decoded once and never changed: readers get copies of it (a copy is much
    /// cheaper than decoding its JSON again).
    /// </summary>
    public sealed record StoredAggregate(long Version, object Value);

    /// <summary>A value journalled by record <paramref name="number"/> and not yet applied.</summary>
    private sealed class Pin(object value, long number)
    {
        public object Value { get; } = value;

        public long Number { get; } = number;
    }

    /// <summary>
    /// The keys and event recipients one journal record pinned. Keys only, not their pins: a value a later commit
    /// replaced is garbage at once, instead of waiting for the apply in an older generation of the heap.
    /// </summary>
    private sealed class PinnedRecord(long number)
    {
        public long Number { get; } = number;

        public List<string> Keys { get; } = [];

        public List<string> Recipients { get; } = [];
    }

    public sealed record LookupValue(string? Value);
}
