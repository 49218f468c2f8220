using System.Globalization;

namespace Signaling.Bench;

/// <summary>
/// Command-line settings: <c>--rate 1000 --duration 10 --pairs 200 --transport ws --commands socket|http --idle 1000 [--url http://127.0.0.1:5080]
/// [--nodes 2 [--redis host:port]] [--passthrough]</c>.
/// </summary>
internal sealed record BenchOptions
{
    public Uri? Url { get; init; }

    public string SigningKey { get; init; } = "bench-signing-key-0123456789abcdef0123456789";

    public int Rate { get; init; } = 1000;

    public int DurationSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 2;

    public int Pairs { get; init; } = 200;

    public string Transport { get; init; } = "ws";

    /// <summary>"socket": commands ride each user's event WebSocket (the default with ws); "http": one request each (always with sse).</summary>
    public string Commands { get; init; } = "socket";

    public bool CommandsOnSocket => Commands == "socket" && Transport == "ws";

    public int IdleConnections { get; init; } = 1000;

    /// <summary>2: two gateway nodes on one Redis, callers on the first and callees on the second.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>The Redis the nodes share; without it the bench starts its own redis-server.</summary>
    public string? Redis { get; init; }

    /// <summary>Also measure the YARP passthrough: the baseline endpoint called through the gateway.</summary>
    public bool Passthrough { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var defaults = new BenchOptions();
        return new BenchOptions
        {
            Url = Value("--url") is { } url ? new Uri(url) : null,
            SigningKey = Value("--signing-key") ?? Environment.GetEnvironmentVariable("Auth__SigningKey") ?? defaults.SigningKey,
            Rate = Int("--rate", defaults.Rate),
            DurationSeconds = Int("--duration", defaults.DurationSeconds),
            WarmupSeconds = Int("--warmup", defaults.WarmupSeconds),
            Pairs = Int("--pairs", defaults.Pairs),
            Transport = Value("--transport") ?? defaults.Transport,
            Commands = Value("--commands") ?? defaults.Commands,
            IdleConnections = Int("--idle", defaults.IdleConnections),
            Nodes = Int("--nodes", defaults.Nodes),
            Redis = Value("--redis"),
            Passthrough = args.Contains("--passthrough"),
        };
    }
}
