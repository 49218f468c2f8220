using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Signaling.Http.Identity;
using Signaling.Storage.Specification;

namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway as a separate process on Kestrel at 127.0.0.1, over its own SQLite file: what a user runs.
/// <see cref="Kill"/> is a SIGKILL (kill -9); <see cref="StartAsync"/> again brings it back on the same file and port.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string SigningKey = "end-to-end-test-signing-key-0123456789abcdef";
    public const long TencentAppId = 1400000042;
    public const string TencentKey = "end-to-end-tencent-secret";
    public const string OpenIMSecret = "openIM123";
    public const string NimAppKey = "e2e-nim-appkey";
    public const string NimAppSecret = "e2e-nim-secret";
    public const string AgoraAppId = "970ca35de60c44645bbae8a215061b33";
    public const string AgoraCertificate = "5cfd2fd1755d40ecb72977518be15d3b";
    public const string AdminKey = "end-to-end-admin-key";

    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private readonly bool _checkConformance;
    private Process? _process;
    private Conformance.ConformanceProxy? _proxy;

    /// <param name="environment">ASPNETCORE_ENVIRONMENT.</param>
    /// <param name="settings">Extra configuration as environment variables (<c>Section__Key</c>), for tests that need other values.</param>
    /// <param name="checkConformance">
    /// Put the <see cref="Conformance.ConformanceProxy"/> in front, so everything the tests exchange is checked against the committed
    /// OpenAPI documents. Those describe the Development gateway with every surface on: a gateway configured otherwise
    /// (another environment, the admin API off) is not what they describe, and is not checked.
    /// </param>
    public GatewayProcess(string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, bool? checkConformance = null)
    {
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string>();
        _checkConformance = checkConformance ?? environment == "Development";
        DatabasePath = Path.Combine(Path.GetTempPath(), "signaling-e2e", Guid.NewGuid().ToString("N"), "gateway.db");
        Port = FreePorts.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        DirectAddress = _checkConformance ? new Uri($"http://127.0.0.1:{FreePorts.Next()}") : BaseAddress;
    }

    /// <summary>Where tests reach the gateway (through the conformance proxy when it is on).</summary>
    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Where every mismatch with the OpenAPI documents found in this run is written.</summary>
    public static string ConformanceReport { get; } = Path.Combine(Path.GetTempPath(), "signaling-conformance-violations.txt");

    /// <summary>The gateway process's own address.</summary>
    public Uri DirectAddress { get; }

    /// <summary>Reports a stream frame to check against its stream's event schemas (when conformance is checked).</summary>
    public void CheckFrame(string path, string eventName, System.Text.Json.JsonElement data)
    {
        if (_proxy is not null)
        {
            Conformance.ConformanceProxy.Documents.CheckFrame(_proxy.Violations, path, eventName, data);
        }
    }

    public string DatabasePath { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The keys every test gateway is configured with, as environment variables (the contract kit reads the same).</summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>
    {
        ["Auth__SigningKey"] = SigningKey,
        ["Adapters__Tencent__SdkAppId"] = TencentAppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Adapters__Tencent__SecretKey"] = TencentKey,
        ["Adapters__OpenIM__Secret"] = OpenIMSecret,
        ["Adapters__Nim__AppKey"] = NimAppKey,
        ["Adapters__Nim__AppSecret"] = NimAppSecret,
        ["Adapters__Agora__AppId"] = AgoraAppId,
        ["Adapters__Agora__AppCertificate"] = AgoraCertificate,
        ["Admin__ApiKey"] = AdminKey,
    };

    public async Task StartAsync()
    {
        if (_checkConformance)
        {
            _proxy ??= await Conformance.ConformanceProxy.StartAsync(Port, DirectAddress);
        }

        var info = new ProcessStartInfo("dotnet", [GatewayDll(), "--urls", DirectAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(DatabasePath)!,
        };
        Directory.CreateDirectory(info.WorkingDirectory);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = _environment;
        info.Environment["Storage__Sqlite__Path"] = DatabasePath;
        foreach (var (key, value) in Secrets)
        {
            info.Environment[key] = value;
        }

        info.Environment["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"] = "Warning";

        // The 15 s heartbeat and 45 s presence expiry, shortened so tests can watch them happen.
        info.Environment["Streams__HeartbeatInterval"] = "00:00:01";
        info.Environment["Streams__PresenceTtl"] = "00:00:03";
        foreach (var (key, value) in _settings)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // Also waits until its output has been read to the end.
                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // Ready, not merely live: a started gateway is one a load balancer would send calls to.
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The gateway did not become ready:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what a crash looks like.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: the exit code and how long the process took to go.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan wait)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(wait);
        await _process.WaitForExitAsync(deadline.Token);
        return (_process.ExitCode, clock.Elapsed);
    }

    /// <summary>The process's resident memory (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public static string Token(string userId, string? deviceId = null, TimeSpan? lifetime = null) =>
        new TokenIssuer(Options.Create(new AuthOptions { SigningKey = SigningKey }), TimeProvider.System).Issue(userId, deviceId, lifetime);

    public UserClient User(string userId, string? deviceId = null) => new(this, userId, deviceId);

    public TencentClient TencentUser(string userId, string? deviceId = null) => new(this, userId, deviceId);

    public OpenIMClient OpenIMUser(string userId, int platformId = 5) => new(this, userId, platformId);

    public NimClient NimUser(string accid, string? deviceId = null) => new(this, accid, deviceId);

    public AgoraClient AgoraUser(string account, string? deviceId = null) => new(this, account, deviceId);

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
            if (!_proxy.Violations.IsEmpty)
            {
                // Also to a file ./test.sh prints: a shared fixture's failure at cleanup is reported without its message.
                await File.AppendAllLinesAsync(ConformanceReport, _proxy.Violations.Distinct());
                throw new Xunit.Sdk.XunitException(
                    $"{_proxy.Violations.Count} exchanges did not match the committed OpenAPI documents:\n{string.Join("\n", _proxy.Violations.Distinct().Take(40))}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static string GatewayDll()
    {
        // Run the gateway's own build output (same configuration as the tests), with its appsettings.json beside it.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var dll = Path.Combine(RepositoryRoot, "src", "Signaling.Gateway", "bin", configuration, "net10.0", "Signaling.Gateway.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Signaling.Gateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Signaling.Gateway.sln not found above the test binaries.");
    }
}
