using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Signaling.Bench;

/// <summary>The gateway being measured: one this bench starts from the Release build (so its memory can be read), or one at --url.</summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private Process? _process;

    public required Uri Url { get; init; }

    public int? ProcessId => _process?.Id;

    /// <param name="options">The bench settings (a gateway at --url is used as it is).</param>
    /// <param name="settings">Extra configuration for the started gateway (<c>Section__Key</c> environment variables).</param>
    public static async Task<GatewayUnderTest> StartAsync(BenchOptions options, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (options.Url is not null)
        {
            return new GatewayUnderTest { Url = options.Url };
        }

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Signaling.Gateway.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run the bench from the repository.");
        }

        var dll = Path.Combine(root, "src", "Signaling.Gateway", "bin", "Release", "net10.0", "Signaling.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the gateway first: dotnet build -c Release", dll);
        }

        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("signaling-bench").FullName;
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"]) { WorkingDirectory = folder, RedirectStandardOutput = true };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Auth__SigningKey"] = options.SigningKey;
        info.Environment["Storage__Sqlite__Path"] = Path.Combine(folder, "bench.db");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Production refuses the development keys in appsettings.json: the bench's gateway gets keys of its own.
        foreach (var key in (string[])["Adapters__Tencent__SecretKey", "Adapters__OpenIM__Secret", "Adapters__Nim__AppKey", "Adapters__Nim__AppSecret",
                     "Adapters__Agora__AppId", "Adapters__Agora__AppCertificate"])
        {
            info.Environment[key] = $"bench-{Guid.NewGuid():N}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var gateway = new GatewayUnderTest { Url = new Uri($"http://127.0.0.1:{port}"), _process = Process.Start(info)! };
        gateway._process.OutputDataReceived += (_, _) => { };
        gateway._process.BeginOutputReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(gateway.Url, "/readyz"))).IsSuccessStatusCode)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The gateway did not start.");
    }

    /// <summary>Resident memory of the gateway process in bytes, when this bench started it.</summary>
    public long? ResidentBytes()
    {
        if (ProcessId is not { } pid)
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU and disk writes of the gateway process so far, when this bench started it.</summary>
    public ProcessUsage? Usage() => ProcessUsage.Of(_process);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
