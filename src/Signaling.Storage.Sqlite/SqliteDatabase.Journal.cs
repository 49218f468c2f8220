using System.Diagnostics;
using System.Threading.Channels;
using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

/// <summary>The journal thread: checks commits, journals them in batches, hands them and every other write to the writer.</summary>
public sealed partial class SqliteDatabase
{
    private const int MaxBatch = 128;

    // The journal runs at most this many commits ahead of the tables: when the writer falls behind, commits wait for it
    // (their latency grows) instead of piling up in the journal and the pinned cache, and throughput is what the tables take.
    private const int MaxAhead = 8_192;

    // A writer that fails, or applies nothing for this long, gets the commits beyond MaxAhead refused (503) instead.
    private static readonly TimeSpan WriterStall = TimeSpan.FromSeconds(5);
    private readonly AutoResetEvent _appliedSignal = new(false);
    private volatile bool _writerFailing;
    private readonly Channel<QueuedItem> _writes = Channel.CreateUnbounded<QueuedItem>(new UnboundedChannelOptions { SingleReader = true });
    private SqliteCommitStage? _stage;
    private long _nextNumber;

    // Held while a batch is taken from the queue and journalled: by the journal thread, or by a caller journalling its own
    // commit (see TryJournalHere). Everything the journal thread touches is touched only under it.
    private readonly Lock _journalling = new();
    private bool _journalClosed;

    // A caller journals its own commit only after this long without a journal write: above that rate the journal thread
    // is rarely asleep, and batches through it cost less than callers taking turns at the lock with it.
    private static readonly TimeSpan QuietBeforeJournallingHere = TimeSpan.FromMilliseconds(0.5);
    private long _lastJournalWrite;

    private void JournalLoop()
    {
        var batch = new List<QueuedItem>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            using var journalling = _journalling.EnterScope();
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            try
            {
                if (_writer is null)
                {
                    var writer = OpenWriter();
                    _stage = new SqliteCommitStage(OpenConnection(), Cache, () => Volatile.Read(ref _applied));
                    _writer = writer;
                    LoadKeysInBackground();
                }

                _journal!.Release(Volatile.Read(ref _applied));
            }
            catch (Exception ex)
            {
                batch.ForEach(item => item.Fail(ex));
                continue;
            }

            // Runs of commits are journalled together; other writes go to the writer in their place in the queue.
            var run = new List<JournalItem>(batch.Count);
            foreach (var item in batch)
            {
                if (item is JournalItem commit)
                {
                    run.Add(commit);
                    continue;
                }

                if (run.Count > 0)
                {
                    Journal(run);
                    run = new List<JournalItem>(batch.Count);
                }

                ToWriter(item);
            }

            if (run.Count > 0)
            {
                Journal(run);
            }
        }

        lock (_journalling)
        {
            _journalClosed = true;
        }

        _toWriter.Writer.TryComplete();
        _writerWake.Set();
    }

    /// <summary>
    /// When nothing is queued and the journal thread is idle, the caller checks and journals its own commit on its own
    /// thread instead of waking the journal thread: at low rates that hand-off was the largest step of an invite inside
    /// the gateway (a median ~120 µs of ~800 µs at 100 calls/s, waking a sleeping thread). Under load the journal thread
    /// is busy, commits are queued or came moments ago, and they go through it in batches as before.
    /// </summary>
    private bool TryJournalHere(JournalItem item)
    {
        if (!_journalling.TryEnter())
        {
            return false;
        }

        try
        {
            // Queued items go first, and a journal that must wait for the writer is waited on by the journal thread only.
            if (_journalClosed || _writer is null || _writes.Reader.TryPeek(out _) || _nextNumber - 1 - Volatile.Read(ref _applied) >= MaxAhead
                || Stopwatch.GetElapsedTime(_lastJournalWrite) < QuietBeforeJournallingHere)
            {
                return false;
            }

            try
            {
                _journal!.Release(Volatile.Read(ref _applied));
            }
            catch (Exception ex)
            {
                item.Fail(ex);
                return true;
            }

            Journal([item]);
            return true;
        }
        finally
        {
            _journalling.Exit();
        }
    }

    private void Journal(List<JournalItem> items)
    {
        while (_nextNumber - 1 - Volatile.Read(ref _applied) >= MaxAhead)
        {
            if (_writerFailing || !_appliedSignal.WaitOne(WriterStall))
            {
                var failure = new StoreUnavailableException("The database file has not taken writes for a while.", _applyFailure);
                items.ForEach(item => item.Fail(failure));
                return;
            }
        }

        var staged = new List<(JournalItem Item, JournalRecord Record)>(items.Count);
        foreach (var item in items)
        {
            try
            {
                if (item.Stage(_stage!) is { } record)
                {
                    record.Number = _nextNumber++;
                    staged.Add((item, record));
                }
            }
            catch (Exception ex)
            {
                // What this item staged (sequences among it) must not outlive it: journal the ones before it, then start over.
                Write(staged);
                staged.Clear();
                _stage!.End(journalled: false);
                item.Fail(ex);
            }
        }

        Write(staged);
    }

    private void Write(List<(JournalItem Item, JournalRecord Record)> staged)
    {
        if (staged.Count == 0)
        {
            _stage!.End(journalled: true);
            return;
        }

        var records = staged.ConvertAll(s => s.Record);
        JournalBatch batch;
        try
        {
            batch = _journal!.Append(records);
            _lastJournalWrite = Stopwatch.GetTimestamp();
        }
        catch (Exception ex)
        {
            _stage!.End(journalled: false);
            staged.ForEach(s => s.Item.Fail(ex));
            return;
        }

        _stage!.End(journalled: true);
        foreach (var record in records)
        {
            foreach (var (_, dueAtMs) in record.Timeouts)
            {
                TimeoutsDueFrom(dueAtMs ?? long.MaxValue);
            }
        }

        // Pinned in the cache first, so the writer can never unpin a record before it was pinned.
        foreach (var (item, _) in staged)
        {
            item.Complete();
        }

        ToWriter(batch);
    }

    /// <summary>
    /// Adds the lookup table's keys to the cache's key filter, once the journal's replay is in the table; until that is
    /// done the filter answers "may have" and keys are read from the file. Commits add their own keys meanwhile.
    /// </summary>
    private void LoadKeysInBackground() => _ = Task.Run(() =>
    {
        try
        {
            using var connection = OpenConnection();
            using var command = connection.Command("SELECT key FROM lookup");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _stopping.Token.ThrowIfCancellationRequested();
                Cache.Keys.Add(reader.GetString(0));
            }

            Cache.Keys.MarkLoaded();
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or OperationCanceledException or ObjectDisposedException)
        {
            // Left unloaded, as when stopping: every key not cached is read from the file.
        }
    });

    private Microsoft.Data.Sqlite.SqliteConnection OpenConnection()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
