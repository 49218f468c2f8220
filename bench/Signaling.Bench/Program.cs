using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Signaling.Bench;
using Signaling.Http.Identity;

// Signaling Gateway benchmark. Usage (from the repository root, after `dotnet build -c Release`):
//   dotnet run -c Release --project bench/Signaling.Bench -- [--rate 1000] [--duration 10] [--pairs 200] [--transport ws|sse]
//       [--commands socket|http] [--idle 1000]
//       [--url http://127.0.0.1:5080 --signing-key KEY] [--nodes 2 [--redis host:port]] [--passthrough]
var options = BenchOptions.Parse(args);
var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = options.SigningKey }), TimeProvider.System);
Console.WriteLine($"rate {options.Rate}/s for {options.DurationSeconds} s, {options.Pairs} caller/callee pairs over {options.Transport}, " +
                  $"commands {(options.CommandsOnSocket ? "on the socket" : "over HTTP")}, " +
                  $"{options.Nodes} node(s){(options.Nodes > 1 ? " on Redis" : " on SQLite")}, {Environment.ProcessorCount} cores");

// Baseline: bare Kestrel, same machine, same run, same rate, JSON the size of an invite and its reply.
await using var baseline = await Baseline.StartAsync();
var direct = await baseline.MeasureAsync(options, baseline.Url);

await using var redis = options.Nodes > 1 ? await RedisUnderTest.StartAsync(options) : null;
var storage = redis is null
    ? new Dictionary<string, string>()
    : new Dictionary<string, string> { ["Storage__Provider"] = "Redis", ["Storage__Redis__Configuration"] = redis.Configuration };
var nodes = new List<GatewayUnderTest>();
for (var i = 0; i < Math.Max(1, options.Nodes); i++)
{
    nodes.Add(await GatewayUnderTest.StartAsync(options, storage));
}

double cyclesPerSecond;
(double P50, double P99, double Max) invite;
int lost, errors;
long? idleBytesPerSocket = null;
double? roundTrips = null;
double? firstCall;
ProcessUsage? gatewayPerCycle = null, redisPerCycle = null;
await using (var load = new CallLoad(options, nodes, issuer))
{
    await load.ConnectAsync();
    firstCall = await load.FirstCallAsync();
    if (redis is not null)
    {
        await using var monitor = await RedisMonitor.StartAsync(redis.Configuration);
        roundTrips = await load.RoundTripsPerInviteAsync(monitor, invites: 100);
    }

    await load.RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), measure: false);
    var (gatewayBefore, redisBefore, window) = (GatewayUsage(), redis?.Usage(), Stopwatch.StartNew());
    cyclesPerSecond = await load.RunAsync(TimeSpan.FromSeconds(options.DurationSeconds), measure: true);
    var cycles = cyclesPerSecond * window.Elapsed.TotalSeconds;
    gatewayPerCycle = GatewayUsage() - gatewayBefore is { } gatewayUsed ? Per(gatewayUsed, cycles) : null;
    redisPerCycle = redis?.Usage() - redisBefore is { } redisUsed ? Per(redisUsed, cycles) : null;
    invite = load.InviteToNotification.Summary();
    (lost, errors) = (load.Lost, load.Errors);

    if (nodes[0].ResidentBytes() is { } before && options.IdleConnections > 0)
    {
        await load.OpenIdleAsync(options.IdleConnections);
        await Task.Delay(TimeSpan.FromSeconds(3));
        idleBytesPerSocket = (nodes[0].ResidentBytes()!.Value - before) / options.IdleConnections;
    }
}

// Summed over the nodes; null when any of them is not a process this bench started.
ProcessUsage? GatewayUsage() =>
    nodes.Select(node => node.Usage()).Aggregate((ProcessUsage?)ProcessUsage.Zero, (sum, usage) => sum + usage);

static ProcessUsage? Per(ProcessUsage used, double cycles) => cycles < 1 ? null
    : new ProcessUsage(used.Cpu / cycles, used.WrittenBytes is { } bytes ? (long)(bytes / cycles) : null);

var b = direct.Latencies.Summary();
string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + " ms";
string Micros(TimeSpan value) => value.TotalMicroseconds.ToString("F0", CultureInfo.InvariantCulture) + " µs";
string Ratio(double value, double floor) => (value / floor).ToString("F1", CultureInfo.InvariantCulture) + "×";
Console.WriteLine();
Console.WriteLine("| metric | gateway | bare Kestrel | ratio |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| throughput | {cyclesPerSecond:F0} cycles/s (3 commands {(options.CommandsOnSocket ? "on the socket" : "as requests")} + 3 events each) | {direct.Requests / direct.Seconds:F0} requests/s | |");
Console.WriteLine($"| invite→notification p50 | {Ms(invite.P50)} | {Ms(b.P50)} round trip | {Ratio(invite.P50, b.P50)} |");
Console.WriteLine($"| invite→notification p99 | {Ms(invite.P99)} | {Ms(b.P99)} | {Ratio(invite.P99, b.P99)} |");
Console.WriteLine($"| invite→notification max | {Ms(invite.Max)} | {Ms(b.Max)} | |");
Console.WriteLine($"| lost notifications / request errors | {lost} / {errors} | | |");
Console.WriteLine($"| first call after start, invite→notification | {(firstCall is { } ms ? Ms(ms) : "lost")} | | |");
Console.WriteLine(idleBytesPerSocket is { } perSocket
    ? $"| server memory per idle WebSocket | {perSocket / 1024.0:F1} KB ({options.IdleConnections} sockets) | | |"
    : "| server memory per idle WebSocket | (measured when the bench starts the gateway and --idle is above 0) | | |");
Console.WriteLine(gatewayPerCycle is { } used
    ? $"| server CPU per completed cycle | {Micros(used.Cpu)} (gateway{(nodes.Count > 1 ? $", {nodes.Count} nodes" : "")})" +
      $"{(redisPerCycle is { } redisCost ? $" + {Micros(redisCost.Cpu)} (Redis)" : "")} | | |"
    : "| server CPU per completed cycle | (only measured when the bench starts the gateway) | | |");
if (gatewayPerCycle?.WrittenBytes is { } written)
{
    Console.WriteLine($"| written to disk per completed cycle | {written / 1024.0:F1} KB (gateway{(nodes.Count > 1 ? "s" : "")}) | | |");
}

if (roundTrips is { } trips)
{
    Console.WriteLine($"| Redis round trips per invite (request to callee notified) | {trips:F1} | | |");
}

if (options.Passthrough && options.Url is null)
{
    // The baseline endpoint again, through a gateway whose ReverseProxy section forwards /baseline to it.
    var origin = baseline.Url.GetLeftPart(UriPartial.Authority) + "/";
    await using var proxy = await GatewayUnderTest.StartAsync(options, new Dictionary<string, string>
    {
        ["ReverseProxy__Routes__legacy__ClusterId"] = "legacy",
        ["ReverseProxy__Routes__legacy__Match__Path"] = "/baseline",
        ["ReverseProxy__Clusters__legacy__Destinations__primary__Address"] = origin,
    });
    var proxied = await baseline.MeasureAsync(options, new Uri(proxy.Url, "/baseline"));
    var p = proxied.Latencies.Summary();
    var window = TimeSpan.FromSeconds(options.DurationSeconds);
    var directMax = await baseline.MaxThroughputAsync(baseline.Url, window);
    var proxiedMax = await baseline.MaxThroughputAsync(new Uri(proxy.Url, "/baseline"), window);
    Console.WriteLine($"| passthrough p50 / p99 | {Ms(p.P50)} / {Ms(p.P99)} | {Ms(b.P50)} / {Ms(b.P99)} | +{Ms(p.P50 - b.P50)} at p50 |");
    Console.WriteLine($"| passthrough max throughput | {proxiedMax:F0} requests/s | {directMax:F0} requests/s | {proxiedMax / directMax * 100:F0}% of direct |");
}

foreach (var node in nodes)
{
    await node.DisposeAsync();
}

return lost == 0 && errors == 0 ? 0 : 1;
