using Microsoft.Extensions.Caching.Memory;
using Signaling.Core.Events;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// What this process wrote or read lately: aggregates, lookup keys and each user's newest events. It is coherent
/// because one process owns the database file and every write passes through <see cref="Committed"/> in commit
/// order. A value read from the file is cached only if no commit happened during the read (a generation check),
/// so a slow read can never overwrite a newer commit. Entries are bounded and expire; a miss reads the file.
/// </summary>
public sealed class SqliteCache : IDisposable
{
    private const int RecentPerUser = 16;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _values = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private readonly Lock _sync = new();
    private long _generation;

    public long Generation => Volatile.Read(ref _generation);

    public bool TryGetAggregate(string key, out StoredAggregate aggregate) => _values.TryGetValue(key, out aggregate!);

    public bool TryGetLookup(string key, out string? value)
    {
        var found = _values.TryGetValue(key, out LookupValue? lookup);
        value = lookup?.Value;
        return found;
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

    public void Committed(IEnumerable<(string Key, object Value)> values, IEnumerable<SignalingEvent> events)
    {
        lock (_sync)
        {
            foreach (var (key, value) in values)
            {
                Set(key, value);
            }

            foreach (var signalingEvent in events)
            {
                RecentOf(signalingEvent.Recipient).Append(signalingEvent);
            }

            _generation++;
        }
    }

    /// <summary>After a conflict the cached copies of what was touched may be stale: drop them.</summary>
    public void Forget(IEnumerable<string> keys)
    {
        lock (_sync)
        {
            foreach (var key in keys)
            {
                _values.Remove(key);
            }

            _generation++;
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
    public IReadOnlyList<SignalingEvent>? TryReadRecent(string userId, long after, int max) =>
        _recent.TryGetValue(userId, out RecentEvents? recent) ? recent!.After(after, max) : null;

    public void Dispose()
    {
        _values.Dispose();
        _recent.Dispose();
    }

    private void Set(string key, object value) =>
        _values.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    private RecentEvents RecentOf(string userId) =>
        _recent.GetOrCreate(userId, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Idle;
            return new RecentEvents();
        })!;

    public sealed record StoredAggregate(long Version, string Body);

    public sealed record LookupValue(string? Value);

    /// <summary>A user's newest events, contiguous from the first one this process appended for them.</summary>
    private sealed class RecentEvents
    {
        private readonly Lock _lock = new();
        private readonly List<SignalingEvent> _events = new(RecentPerUser);

        public void Append(SignalingEvent signalingEvent)
        {
            lock (_lock)
            {
                if (_events.Count > 0 && _events[^1].Sequence != signalingEvent.Sequence - 1)
                {
                    _events.Clear();
                }

                if (_events.Count == RecentPerUser)
                {
                    _events.RemoveAt(0);
                }

                _events.Add(signalingEvent);
            }
        }

        public IReadOnlyList<SignalingEvent>? After(long after, int max)
        {
            lock (_lock)
            {
                if (_events.Count == 0 || _events[0].Sequence > after + 1)
                {
                    return null;
                }

                return _events.Where(e => e.Sequence > after).Take(max).ToList();
            }
        }
    }
}
