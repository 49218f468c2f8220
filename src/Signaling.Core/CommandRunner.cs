using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core;

/// <summary>
/// Runs a command optimistically: load, decide, commit if nothing changed meanwhile, otherwise decide again on
/// fresh state. The first writer wins a race; the loser re-decides and gets the precise error.
/// </summary>
internal static class CommandRunner
{
    private const int MaxAttempts = 8;

    public static async Task<Result<T>> RunAsync<T>(
        ISignalingStore store, Func<Task<Decision<T>>> decide, CancellationToken cancellationToken)
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
        }

        return new SignalingError(SignalingErrorCode.Conflict, "Too many concurrent changes; try again.");
    }
}

/// <summary>A command's verdict: the result to return and what to write for it (nothing on failure).</summary>
internal sealed record Decision<T>(Result<T> Result, Commit? Commit, Func<IReadOnlyList<SignalingEvent>, Result<T>>? OnCommitted = null)
{
    public static Decision<T> Fail(Signaling.Core.Errors.SignalingError error) => new(error, null);
}
