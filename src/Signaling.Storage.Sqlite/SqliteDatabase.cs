using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The one database file (WAL mode). Reads use pooled connections in parallel; writes go through a single
/// connection one at a time, which is how SQLite works best and keeps commits free of SQLITE_BUSY.
/// One process owns the file (a lock file beside it says so), which is what lets the store cache what it wrote.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS aggregates (
            kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (kind, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS lookup (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS user_seq (user_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS events (
            user_id TEXT NOT NULL, seq INTEGER NOT NULL, scope TEXT, durable INTEGER NOT NULL,
            expires_at INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (user_id, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS events_scope ON events (scope) WHERE durable = 0;
        CREATE INDEX IF NOT EXISTS events_expiry ON events (expires_at);
        CREATE TABLE IF NOT EXISTS timeouts (
            invitation_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL, lease_until INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS timeouts_due ON timeouts (due_at);
        CREATE TABLE IF NOT EXISTS presence (
            connection_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS presence_user ON presence (user_id);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly FileStream _ownership;
    private SqliteConnection? _writer;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        FilePath = path;
        _ownership = Own(path);
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone, inside one transaction on the writer connection; rolls back when it throws.
    /// <paramref name="committed"/> runs after the commit, still alone, so caches change in commit order.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriteSession, Task<T>> work, CancellationToken cancellationToken, Action<T>? committed = null)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken);
            var result = await work(new SqliteWriteSession(_writer, transaction, _prepared));
            await transaction.CommitAsync(CancellationToken.None);
            committed?.Invoke(result);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writeLock.Dispose();
        await _ownership.DisposeAsync();
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes (not power loss).
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;" + Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the schema at start-up so the first reads find it.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => WriteAsync(_ => Task.FromResult(true), cancellationToken);

    /// <summary>Takes the file for this process; a second gateway on the same file fails at start-up with a clear message.</summary>
    private static FileStream Own(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another gateway process is using {path}. One SQLite file serves one process; run several nodes with Storage:Provider=Redis.", ex);
        }
    }
}
