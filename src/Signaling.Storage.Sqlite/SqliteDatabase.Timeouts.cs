namespace Signaling.Storage.Sqlite;

/// <summary>
/// When a timeout can next be due, so that the timeout worker's frequent polls touch the file only when one may be:
/// each poll is a write (a claim), and a write waits for every journalled commit to be applied first.
/// </summary>
public sealed partial class SqliteDatabase
{
    // Unix ms before which no timeout can be claimed; 0 (unknown, as after a start) means look.
    private long _timeoutsDueFrom;

    // Claims under way: the bound is being worked out again meanwhile, so every claimer looks.
    private int _claimsLooking;

    /// <summary>False when no timeout can be due at <paramref name="nowMs"/>.</summary>
    internal bool MayHaveDueTimeouts(long nowMs) => nowMs >= Volatile.Read(ref _timeoutsDueFrom) || Volatile.Read(ref _claimsLooking) > 0;

    /// <summary>
    /// A claim is about to look: from now on only what commits schedule, and what claims find left in the table
    /// (<see cref="TimeoutsDueFrom"/>), count. Anything committed before this is in the table by the time the claim runs.
    /// </summary>
    internal void LookingForDueTimeouts()
    {
        Interlocked.Increment(ref _claimsLooking);
        Volatile.Write(ref _timeoutsDueFrom, long.MaxValue);
    }

    /// <summary>The claim that called <see cref="LookingForDueTimeouts"/> has reported what it found, or failed.</summary>
    internal void LookedForDueTimeouts() => Interlocked.Decrement(ref _claimsLooking);

    /// <summary>A timeout may be due from <paramref name="dueMs"/> on (0: unknown, look again).</summary>
    internal void TimeoutsDueFrom(long dueMs)
    {
        var seen = Volatile.Read(ref _timeoutsDueFrom);
        while (dueMs < seen)
        {
            var was = Interlocked.CompareExchange(ref _timeoutsDueFrom, dueMs, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
