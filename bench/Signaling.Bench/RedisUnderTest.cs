using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Signaling.Bench;

/// <summary>The Redis two nodes share: one at --redis, or a redis-server this bench starts on a free loopback port.</summary>
internal sealed class RedisUnderTest : IAsyncDisposable
{
    private Process? _process;

    public required string Configuration { get; init; }

    public static async Task<RedisUnderTest> StartAsync(BenchOptions options)
    {
        if (options.Redis is { } given)
        {
            return new RedisUnderTest { Configuration = given };
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var redis = new RedisUnderTest
        {
            Configuration = $"127.0.0.1:{port}",
            _process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("redis-server could not be started (apt-get install redis-server)."),
        };
        redis._process.OutputDataReceived += (_, _) => { };
        redis._process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("redis-server did not start.");
    }

    /// <summary>CPU of the redis-server process so far, when this bench started it.</summary>
    public ProcessUsage? Usage() => ProcessUsage.Of(_process);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
