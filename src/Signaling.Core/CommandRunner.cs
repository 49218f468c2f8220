using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core;

/// <summary>
/// Runs a command optimistically: load, decide, commit if nothing changed meanwhile, otherwise decide again on
/// fresh state. The first writer wins a race; the loser re-decides and gets the precise error.
/// Commands that name the aggregate they change (<c>serializeOn</c>) take turns on this node, so a crowd changing
/// one aggregate at once (a hundred users joining one channel) queues instead of colliding again and again; only
/// other nodes can still race, and losers back off for a short random moment before deciding again.
/// </summary>
internal static class CommandRunner
{
    private const int MaxAttempts = 16;

    // A fixed set of gates, chosen by the key's hash: bounded memory, and two keys sharing a gate merely take turns.
    private static readonly SemaphoreSlim[] Gates = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static async Task<Result<T>> RunAsync<T>(
        ISignalingStore store, Func<Task<Decision<T>>> decide, CancellationToken cancellationToken, string? serializeOn = null)
    {
        if (serializeOn is null)
        {
            return await AttemptAsync(store, decide, cancellationToken);
        }

        var gate = Gates[(uint)StringComparer.Ordinal.GetHashCode(serializeOn) % Gates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await AttemptAsync(store, decide, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<Result<T>> AttemptAsync<T>(ISignalingStore store, Func<Task<Decision<T>>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var decision = await decide();
            if (!decision.Result.IsSuccess || decision.Commit is null)
            {
                return decision.Result;
            }

            var written = await store.CommitAsync(decision.Commit, cancellationToken);
            if (!written.Conflict)
            {
                return decision.OnCommitted?.Invoke(written.Appended) ?? decision.Result;
            }

            await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 4)), cancellationToken);
        }

        return new SignalingError(SignalingErrorCode.Conflict, "Too many concurrent changes; try again.");
    }
}

/// <summary>A command's verdict: the result to return and what to write for it (nothing on failure).</summary>
internal sealed record Decision<T>(Result<T> Result, Commit? Commit, Func<IReadOnlyList<SignalingEvent>, Result<T>>? OnCommitted = null)
{
    public static Decision<T> Fail(Signaling.Core.Errors.SignalingError error) => new(error, null);
}
