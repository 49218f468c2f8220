using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Signaling.Core;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The one database file (WAL mode). Reads use pooled connections in parallel. Writes go through a single
/// connection, which is how SQLite works best: a writer loop takes every write queued meanwhile and runs them in
/// one transaction, each inside its own savepoint (so one that fails rolls back alone), then commits once — a
/// group commit that amortises the transaction cost under load. One process owns the file (a lock file beside it
/// says so), which is what lets the store cache what it wrote.
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
        -- The older presence table lacked stream details; it only ever held live connections, so dropping it loses nothing.
        DROP TABLE IF EXISTS presence;
        CREATE TABLE IF NOT EXISTS connections (
            connection_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
            surface TEXT NOT NULL, transport TEXT NOT NULL, device_id TEXT, since INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS connections_user ON connections (user_id);
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL, order_key TEXT NOT NULL, message_id TEXT NOT NULL,
            type TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL,
            leased INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS outbox_order ON outbox (endpoint, order_key, seq);
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (endpoint, due_at);
        """;

    private readonly string _connectionString;
    private const int MaxBatch = 128;
    private readonly Channel<WriteItem> _writes = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    // Each user's last event sequence as committed (see SqliteWriteSession.NextSequenceAsync); the writer thread's alone.
    private readonly Dictionary<string, long> _lastSequences = new(StringComparer.Ordinal);
    private const int MaxRememberedSequences = 100_000;
    private readonly Thread _writerThread;
    private readonly Thread _checkpointThread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly FileStream _ownership;
    private SqliteConnection? _writer;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        FilePath = path;
        _ownership = SqliteFileOwnership.Own(path);
        // SQLite calls block; on their own thread they never take one of the few thread-pool workers a small box has.
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite-writer" };
        _writerThread.Start();
        _checkpointThread = new Thread(CheckpointLoop) { IsBackground = true, Name = "sqlite-checkpointer" };
        _checkpointThread.Start();
    }

    /// <summary>How often the checkpointer copies what the WAL holds into the database file.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone on the writer connection inside a transaction; if it throws, its changes
    /// are rolled back and the exception is rethrown to the caller. <paramref name="committed"/> runs after the
    /// commit, still alone, so caches change in commit order.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteSession, Task<T>> work, CancellationToken cancellationToken, Action<T>? committed = null)
    {
        var item = new WriteItem<T>(work, committed, cancellationToken);
        if (!_writes.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.Run(_writerThread.Join);
        await Task.Run(_checkpointThread.Join);
        _stopping.Dispose();
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await _ownership.DisposeAsync();
    }

    private void WriteLoop()
    {
        var batch = new List<WriteItem>(MaxBatch);
        var done = new List<WriteItem>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            done.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            try
            {
                _writer ??= OpenWriter();
                if (_lastSequences.Count > MaxRememberedSequences)
                {
                    _lastSequences.Clear();
                }

                using var transaction = _writer.BeginTransaction();
                var session = new SqliteWriteSession(_writer, transaction, _prepared, _lastSequences);
                foreach (var item in batch)
                {
                    // Prepared savepoint statements: Save/Release/Rollback(name) would parse their SQL anew for every item.
                    session.Command("SAVEPOINT item").ExecuteNonQuery();
                    try
                    {
                        // Microsoft.Data.Sqlite completes its "async" calls synchronously, so this runs inline here.
                        item.RunAsync(session).GetAwaiter().GetResult();
                        session.Command("RELEASE item").ExecuteNonQuery();
                        done.Add(item);
                    }
                    catch (Exception ex)
                    {
                        session.Command("ROLLBACK TO item").ExecuteNonQuery();
                        session.Command("RELEASE item").ExecuteNonQuery();
                        _lastSequences.Clear(); // It may hold sequences the rollback took back.
                        item.Fail(ex);
                    }
                }

                transaction.Commit();
                done.ForEach(item => item.Complete());
            }
            catch (Exception ex)
            {
                // The transaction itself failed (the disk, the file): nothing of this batch was written.
                _lastSequences.Clear();
                batch.ForEach(item => item.Fail(ex));
            }
        }
    }

    /// <summary>
    /// Passive checkpoints on a connection of their own: they run beside the writer and readers without blocking them,
    /// and once one has copied everything, the writer starts the WAL over, so it stays small.
    /// </summary>
    private void CheckpointLoop()
    {
        using var connection = new SqliteConnection(_connectionString);
        while (!_stopping.Token.WaitHandle.WaitOne(CheckpointInterval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                }

                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // The file is not there yet, or busy: the next round tries again.
            }
        }
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();

        // A new file gets 1 KB pages (a file made earlier keeps its own size): a commit writes every page it touched whole,
        // and a command touches a few rows on as many pages, so small pages write ~3.5× fewer bytes per call (measured:
        // 229 → 65 KB per bench cycle, throughput unchanged).
        // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes (not power loss). The
        // checkpointer thread copies the WAL into the file beside the writer, so the writer's own checkpoint (every
        // 16,000 pages, which also lets the WAL start over) finds little left to copy and stalls the writes behind it little.
        // Leases on timeouts and webhook messages were taken by an earlier process on this file, now gone (the lock file
        // says this one owns it): release them, so what it claimed but never finished is due again at once, not a lease later.
        command.CommandText = "PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=16000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;" + Schema +
                              "UPDATE timeouts SET lease_until = 0 WHERE lease_until > 0;" +
                              "UPDATE outbox SET due_at = 0, leased = 0 WHERE leased = 1;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A queued write, typed by what it returns.</summary>
    private abstract class WriteItem
    {
        public abstract Task RunAsync(SqliteWriteSession session);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteItem<T>(Func<SqliteWriteSession, Task<T>> work, Action<T>? committed, CancellationToken cancellationToken) : WriteItem
    {
        // Continuations run elsewhere, never on the writer loop.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(SqliteWriteSession session)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(session);
        }

        public override void Complete()
        {
            if (_completion.Task.IsCompleted)
            {
                return;
            }

            committed?.Invoke(_result);
            _completion.TrySetResult(_result);
        }

        public override void Fail(Exception exception)
        {
            if (exception is OperationCanceledException)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            else
            {
                _completion.TrySetException(exception);
            }
        }
    }

    /// <summary>Creates the schema at start-up so the first reads find it.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(_ => Task.FromResult(true), cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new StartupProblemException($"Storage:Sqlite:Path: {FilePath} cannot be opened for writing: {ex.Message}", ex);
        }
    }
}
