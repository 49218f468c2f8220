using System.Diagnostics;
using System.Threading.Channels;

namespace Signaling.Storage.Sqlite;

/// <summary>The writer thread: copies journalled commits into the tables in batches, and runs every other write in its turn.</summary>
public sealed partial class SqliteDatabase
{
    // Journalled commits are copied at the latest ApplyDelay after the first of them, or at once when this many wait or another write is queued.
    private const int ApplyAt = 4_096;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly Channel<object> _toWriter = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    // Set when the writer should not wait out the delay: a write is queued, ApplyAt records wait, or the journal stopped.
    // Journal batches alone do not wake it, so it sleeps through the delay instead of waking for every batch (measured
    // at 1,000 cycles/s: ~1.1 wake-ups per cycle).
    private readonly AutoResetEvent _writerWake = new(false);
    private readonly TimeSpan _applyDelay;
    private Exception? _applyFailure;

    private void WriterLoop()
    {
        var queue = new List<object>();
        var reader = _toWriter.Reader;
        while (queue.Count > 0 || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var firstAt = Stopwatch.GetTimestamp();
            Drain(queue);
            while (!reader.Completion.IsCompleted && !queue.Any(item => item is IWriteItem) &&
                   queue.Sum(item => ((JournalBatch)item).Count) < ApplyAt)
            {
                var left = _applyDelay - Stopwatch.GetElapsedTime(firstAt);
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                _writerWake.WaitOne(left);
                Drain(queue);
            }

            if (!Run(queue))
            {
                if (_stopping.IsCancellationRequested)
                {
                    return; // What is left stays in the journal for the next start.
                }

                Thread.Sleep(RetryAfter);
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> for the writer (on the journal thread), waking it when it should not wait.</summary>
    private void ToWriter(object item)
    {
        _toWriter.Writer.TryWrite(item);
        if (item is IWriteItem || _nextNumber - 1 - Volatile.Read(ref _applied) >= ApplyAt)
        {
            _writerWake.Set();
        }
    }

    private void Drain(List<object> queue)
    {
        while (_toWriter.Reader.TryRead(out var item))
        {
            queue.Add(item);
        }
    }

    /// <summary>
    /// Works through the queue in order: consecutive journal batches in one transaction, consecutive writes in another.
    /// On a failure to copy, the batches stay queued for the next attempt and the writes behind them fail.
    /// </summary>
    private bool Run(List<object> queue)
    {
        while (queue.Count > 0)
        {
            var batches = queue.TakeWhile(item => item is JournalBatch).Cast<JournalBatch>().ToList();
            if (batches.Count > 0)
            {
                if (!TryApply(batches))
                {
                    var behind = queue.Skip(batches.Count).OfType<IWriteItem>().ToList();
                    behind.ForEach(item => item.Fail(new Core.Ports.StoreUnavailableException("The database file does not take writes.", _applyFailure)));
                    queue.RemoveAll(item => item is IWriteItem);
                    return false;
                }

                queue.RemoveRange(0, batches.Count);
                continue;
            }

            var writes = queue.TakeWhile(item => item is IWriteItem).Cast<IWriteItem>().ToList();
            RunWrites(writes);
            queue.RemoveRange(0, writes.Count);
        }

        return true;
    }

    private bool TryApply(List<JournalBatch> batches)
    {
        var records = new List<JournalRecord>(batches.Sum(batch => batch.Count));
        try
        {
            batches.ForEach(batch => batch.DecodeInto(records));
            using var transaction = _writer!.BeginTransaction();
            SqliteJournalApplier.Apply(new SqliteWriteSession(_writer, transaction, _prepared, _raw), records);
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Kept queued and in the journal; the next attempt tries again.
            _applyFailure = ex;
            _writerFailing = true;
            return false;
        }

        // The number first, then the pins: a commit check that misses a pin then knows to read a newer snapshot.
        Volatile.Write(ref _applied, records[^1].Number);
        Cache.Applied(records[^1].Number);
        batches.ForEach(batch => batch.Release());
        _writerFailing = false;
        _appliedSignal.Set();
        return true;
    }

    private void RunWrites(List<IWriteItem> items)
    {
        var done = new List<IWriteItem>(items.Count);
        try
        {
            using var transaction = _writer!.BeginTransaction();
            var session = new SqliteWriteSession(_writer, transaction, _prepared, _raw);
            foreach (var item in items)
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
                    item.Fail(ex);
                }
            }

            transaction.Commit();
            done.ForEach(item => item.Complete());
        }
        catch (Exception ex)
        {
            // The transaction itself failed (the disk, the file): nothing of these writes was written.
            items.ForEach(item => item.Fail(ex));
        }
    }
}
