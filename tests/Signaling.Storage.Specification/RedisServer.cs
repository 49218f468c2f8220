using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Signaling.Storage.Specification;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with no persistence, for tests. <c>./test.sh</c> installs the
/// Debian package when it is missing; without it these tests fail (they never skip), so CI cannot pass without Redis.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    /// <param name="port">A port to listen on (to bring a stopped server back where its clients expect it); a free one when null.</param>
    public RedisServer(int? port = null) => Port = port ?? FreePorts.Next();

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>One server for a whole test run, started on first use and stopped when the run ends.</summary>
    public static RedisServer Shared => SharedServer.Value;

    private static readonly Lazy<RedisServer> SharedServer = new(() =>
    {
        var server = new RedisServer();
        server.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    });

    public async Task StartAsync()
    {
        var path = FindRedisServer() ?? throw new InvalidOperationException(
            "redis-server is not installed: run ./test.sh (it installs the Debian package redis-server) or `apt-get install redis-server`.");
        _process = Process.Start(new ProcessStartInfo(path, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port}.");
    }

    /// <summary>SIGKILL, as an outage looks.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? FindRedisServer() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server" }.FirstOrDefault(File.Exists);
}
