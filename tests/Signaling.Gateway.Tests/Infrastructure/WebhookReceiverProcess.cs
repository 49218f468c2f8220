using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Signaling.Storage.Specification;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>
/// The app's server in its own process (tests/Signaling.WebhookReceiver): verifies each webhook with the Standard
/// Webhooks scheme and logs it. It can be stopped and started again on the same port, as a receiver that goes down.
/// </summary>
public sealed class WebhookReceiverProcess : IDisposable
{
    /// <summary>A valid Standard Webhooks secret (whsec_ + base64 of 32 bytes).</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly int _holdMs;
    private Process? _process;

    public WebhookReceiverProcess(int holdMs = 0)
    {
        _holdMs = holdMs;
        Port = FreePorts.Next();
        LogPath = Path.Combine(Path.GetTempPath(), "signaling-e2e", $"webhooks-{Guid.NewGuid():N}.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public string LogPath { get; }

    /// <summary>The gateway settings (environment variables) of an endpoint named "app" pointing here.</summary>
    public Dictionary<string, string> EndpointSettings(params string[] events)
    {
        var settings = new Dictionary<string, string> { ["Webhooks__Endpoints__app__Url"] = Url, ["Webhooks__Endpoints__app__Secret"] = Secret };
        for (var i = 0; i < events.Length; i++)
        {
            settings[$"Webhooks__Endpoints__app__Events__{i}"] = events[i];
        }

        return settings;
    }

    public async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Signaling.WebhookReceiver.dll");
        var info = new ProcessStartInfo("dotnet", [dll, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Secret, LogPath, _holdMs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
        }

        throw new TimeoutException("The webhook receiver did not start.");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<Received> ReadLog()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<Received>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var json = JsonDocument.Parse(line).RootElement.Clone();
            lines.Add(new Received(json.GetProperty("id").GetString()!, json.GetProperty("verified").GetBoolean(), json.GetProperty("overlapped").GetBoolean(),
                DateTimeOffset.FromUnixTimeMilliseconds(json.GetProperty("receivedAt").GetInt64()), json.GetProperty("body")));
        }

        return lines;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = ReadLog();
            if (done(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{what}: not within {timeout.TotalSeconds} s; received {received.Count}: " +
                                                   string.Join(", ", received.Take(10).Select(r => r.Type)));
            }

            await Task.Delay(20);
        }
    }

    public void Dispose() => Stop();

    public sealed record Received(string Id, bool Verified, bool Overlapped, DateTimeOffset At, JsonElement Body)
    {
        public string Type => Body.GetProperty("type").GetString()!;

        public JsonElement Data => Body.GetProperty("data");
    }
}
