using System.Diagnostics;

namespace Signaling.Bench;

/// <summary>
/// Starts work at a fixed rate whatever the latency (an open loop), so a slow server shows up as latency
/// rather than as a lower request rate (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    public static async Task<int> RunAsync(int rate, TimeSpan duration, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        var started = 0;
        var running = new List<Task>();
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; started < due; started++)
            {
                running.Add(Task.Run(work));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(running);
        return started;
    }
}
