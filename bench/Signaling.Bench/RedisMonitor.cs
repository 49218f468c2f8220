using System.Net.Sockets;
using System.Text;

namespace Signaling.Bench;

/// <summary>
/// Counts the commands clients send to Redis, by reading its MONITOR feed: commands a Lua script runs are marked
/// "lua" there and are not round trips, so they are not counted. MONITOR slows Redis, so only a calibration uses it.
/// </summary>
internal sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public static async Task<RedisMonitor> StartAsync(string configuration)
    {
        var monitor = new RedisMonitor();
        var (host, port) = (configuration.Split(':')[0], int.Parse(configuration.Split(':', ',')[1], System.Globalization.CultureInfo.InvariantCulture));
        await monitor._client.ConnectAsync(host, port);
        var stream = monitor._client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        monitor._reading = monitor.ReadAsync(new StreamReader(stream, Encoding.UTF8));
        return monitor;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            // "+1700000000.123456 [0 127.0.0.1:5555] "GET" …" for a client, "[0 lua]" for a script's own commands.
            if (line.StartsWith('+') && line.Contains(" [", StringComparison.Ordinal) && !line.Contains(" lua]", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
