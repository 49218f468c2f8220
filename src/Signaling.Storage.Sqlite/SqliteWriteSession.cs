using Microsoft.Data.Sqlite;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The writer connection inside one transaction. Statements are prepared once per SQL text and reused,
/// since every commit runs the same few statements.
/// </summary>
public sealed class SqliteWriteSession
{
    private readonly Dictionary<string, SqliteCommand> _prepared;
    private readonly Dictionary<string, SqliteRawStatement> _raw;

    internal SqliteWriteSession(
        SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> prepared, Dictionary<string, SqliteRawStatement> raw)
    {
        Connection = connection;
        Transaction = transaction;
        _prepared = prepared;
        _raw = raw;
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

    /// <summary>The prepared statement for <paramref name="sql"/> on SQLite's own API, for the rows every commit writes.</summary>
    internal SqliteRawStatement Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            _raw[sql] = statement = new SqliteRawStatement(Connection, sql);
        }

        return statement;
    }
}
