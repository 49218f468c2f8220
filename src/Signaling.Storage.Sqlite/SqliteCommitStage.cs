using Microsoft.Data.Sqlite;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// What the writer thread consults while it checks a commit: what earlier commits of the same batch staged, then the
/// cache (exact for what it holds, pinned for what is journalled but not yet applied), then the tables, which hold
/// everything else.
/// </summary>
public sealed class SqliteCommitStage
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _prepared;
    private readonly SqliteCache _cache;
    private readonly Dictionary<string, long> _lastSequences;
    private readonly Dictionary<string, object> _staged = new(StringComparer.Ordinal);

    internal SqliteCommitStage(SqliteConnection connection, Dictionary<string, SqliteCommand> prepared, SqliteCache cache, Dictionary<string, long> lastSequences)
    {
        _connection = connection;
        _prepared = prepared;
        _cache = cache;
        _lastSequences = lastSequences;
    }

    /// <summary>The read transaction the checks run in.</summary>
    internal SqliteTransaction? Reading { get; set; }

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
    /// The next sequence number of a user's log: the writer remembers each user's last one; on a miss it is the newest
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

    /// <summary>The batch was journalled (the cache has it now) or failed: either way the staged values go.</summary>
    internal void Reset() => _staged.Clear();

    private object? Read(string sql, Action<SqliteCommand> bind)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            _prepared[sql] = command = _connection.Command(sql);
        }

        command.Transaction = Reading;
        command.Parameters.Clear();
        bind(command);
        return command.ExecuteScalar();
    }
}
