using Microsoft.Data.Sqlite;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The writer connection inside one transaction. Statements are prepared once per SQL text and reused,
/// since every commit runs the same few statements.
/// </summary>
public sealed class SqliteWriteSession
{
    private readonly Dictionary<string, SqliteCommand> _prepared;

    private readonly Dictionary<string, long> _lastSequences;

    internal SqliteWriteSession(
        SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> prepared, Dictionary<string, long> lastSequences)
    {
        Connection = connection;
        Transaction = transaction;
        _prepared = prepared;
        _lastSequences = lastSequences;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>The prepared statement for <paramref name="sql"/>, with no parameters bound yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// The next sequence number of <paramref name="userId"/>'s log. The writer remembers each user's last one (the
    /// database forgets them all when a write rolls back), so appending an event is one insert, not an insert and a
    /// counter update; on a miss the last one is the newest event's, or the floor a purge left in <c>user_seq</c>.
    /// </summary>
    public async Task<long> NextSequenceAsync(string userId, CancellationToken cancellationToken)
    {
        if (!_lastSequences.TryGetValue(userId, out var last))
        {
            last = (long)(await Command(SqliteEventLog.LastSequenceSql).With("$user", userId).ExecuteScalarAsync(cancellationToken))!;
        }

        _lastSequences[userId] = last + 1;
        return last + 1;
    }
}
