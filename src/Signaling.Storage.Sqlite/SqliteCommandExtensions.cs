using Microsoft.Data.Sqlite;

namespace Signaling.Storage.Sqlite;

internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>
    /// One page of ids in key order: <paramref name="sql"/> selects one text column after <c>$after</c> with
    /// <c>LIMIT $limit</c>; the cursor is the last id, and there is a next page when the page came back full.
    /// </summary>
    public static async Task<Core.Ports.Page<string>> ReadIdPageAsync(
        this SqliteDatabase database, string sql, string? cursor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(sql).With("$after", cursor ?? "").With("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return new Core.Ports.Page<string>(ids, ids.Count == limit ? ids[^1] : null);
    }

    public static long ToUnixMs(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
