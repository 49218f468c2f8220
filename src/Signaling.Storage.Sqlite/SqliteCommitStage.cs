using Microsoft.Data.Sqlite;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// What the journal consults (under its lock) while it checks a commit: what earlier commits of the same batch staged, then the
/// cache (exact for what it holds, pinned for what is journalled but not yet applied), then the tables, which hold
/// everything else. Its table reads run on a connection of its own, in a snapshot taken after the last apply it knows
/// of: a key unpinned by an apply is read from a snapshot that has that apply.
/// </summary>
public sealed class SqliteCommitStage : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCache _cache;
    private readonly Func<long> _applied;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _staged = new(StringComparer.Ordinal);
    private const int MaxRememberedSequences = 100_000;
    private SqliteTransaction? _reading;
    private long _snapshotOf = -1;

    internal SqliteCommitStage(SqliteConnection connection, SqliteCache cache, Func<long> applied)
    {
        _connection = connection;
        _cache = cache;
        _applied = applied;
    }

    /// <summary>The stored version of an aggregate, 0 when there is none.</summary>
    public long StoredVersion(string kind, string id)
    {
        var key = $"{kind}:{id}";
        if (_staged.TryGetValue(key, out var staged))
        {
            return ((SqliteCache.StoredAggregate)staged).Version;
        }

        if (_cache.TryGetAggregate(key, out var cached))
        {
            return cached.Version;
        }

        return Read("SELECT version FROM aggregates WHERE kind = $kind AND id = $id", c => c.With("$kind", kind).With("$id", id)) is long version ? version : 0;
    }

    /// <summary>What a lookup key points to now, or null.</summary>
    public string? Lookup(string key)
    {
        if (_staged.TryGetValue(key, out var staged))
        {
            return ((SqliteCache.LookupValue)staged).Value;
        }

        return _cache.TryGetLookup(key, out var cached) ? cached : Read("SELECT value FROM lookup WHERE key = $key", c => c.With("$key", key)) as string;
    }

    /// <summary>
    /// The next sequence number of a user's log: the stage remembers each user's last one; on a miss it is the newest
    /// journalled one not yet applied, else the tables' (the newest event's, or the floor a purge left in <c>user_seq</c>).
    /// </summary>
    public long NextSequence(string userId)
    {
        if (!_lastSequences.TryGetValue(userId, out var last))
        {
            last = _cache.PinnedLastSequence(userId);
            if (last == 0)
            {
                last = (long)Read(SqliteEventLog.LastSequenceSql, c => c.With("$user", userId))!;
            }
        }

        _lastSequences[userId] = last + 1;
        return last + 1;
    }

    /// <summary>Later commits of this batch see <paramref name="value"/> (a stored aggregate or lookup value) under <paramref name="key"/>.</summary>
    internal void Stage(string key, object value) => _staged[key] = value;

    /// <summary>
    /// The batch was journalled (the cache has it now) or not: either way the staged values go, and the snapshot ends
    /// (an open one would hold the WAL back). After a failure the remembered sequences go too: they may count events that
    /// were never journalled.
    /// </summary>
    internal void End(bool journalled)
    {
        _staged.Clear();
        if (!journalled || _lastSequences.Count > MaxRememberedSequences)
        {
            _lastSequences.Clear();
        }

        _reading?.Dispose();
        _reading = null;
    }

    public void Dispose()
    {
        _reading?.Dispose();
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private object? Read(string sql, Action<SqliteCommand> bind)
    {
        // Read the applied number before the snapshot starts: the snapshot then holds at least that apply.
        var applied = _applied();
        if (_reading is null || applied != _snapshotOf)
        {
            _reading?.Dispose();
            _reading = _connection.BeginTransaction(deferred: true);
            _snapshotOf = applied;
        }

        if (!_prepared.TryGetValue(sql, out var command))
        {
            _prepared[sql] = command = _connection.Command(sql);
        }

        command.Transaction = _reading;
        command.Parameters.Clear();
        bind(command);
        return command.ExecuteScalar();
    }
}
