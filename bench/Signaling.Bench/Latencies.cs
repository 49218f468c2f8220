using System.Collections.Concurrent;

namespace Signaling.Bench;

/// <summary>Collected latencies in milliseconds, with percentiles.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public (double P50, double P99, double Max) Summary()
    {
        var sorted = _samples.OrderBy(x => x).ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }
}
