using System.Globalization;
using Microsoft.Extensions.Options;
using Signaling.Bench;
using Signaling.Http.Identity;

// Signaling Gateway benchmark. Usage (from the repository root, after `dotnet build -c Release`):
//   dotnet run -c Release --project bench/Signaling.Bench -- [--rate 1000] [--duration 10] [--pairs 200] [--transport ws|sse] [--idle 1000] [--url http://127.0.0.1:5080 --signing-key KEY]
var options = BenchOptions.Parse(args);
var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = options.SigningKey }), TimeProvider.System);
Console.WriteLine($"rate {options.Rate}/s for {options.DurationSeconds} s, {options.Pairs} caller/callee pairs over {options.Transport}, {Environment.ProcessorCount} cores");

// Baseline: bare Kestrel, same machine, same run, same rate, JSON the size of an invite and its reply.
var baseline = await Baseline.RunAsync(options, requestBytes: 80, responseBytes: 420);

await using var gateway = await GatewayUnderTest.StartAsync(options);
double cyclesPerSecond;
(double P50, double P99, double Max) invite;
int lost, errors;
long? idleBytesPerSocket = null;
await using (var load = new CallLoad(options, gateway, issuer))
{
    await load.ConnectAsync();
    await load.RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), measure: false);
    cyclesPerSecond = await load.RunAsync(TimeSpan.FromSeconds(options.DurationSeconds), measure: true);
    invite = load.InviteToNotification.Summary();
    (lost, errors) = (load.Lost, load.Errors);

    if (gateway.ResidentBytes() is { } before && options.IdleConnections > 0)
    {
        await load.OpenIdleAsync(options.IdleConnections);
        await Task.Delay(TimeSpan.FromSeconds(3));
        idleBytesPerSocket = (gateway.ResidentBytes()!.Value - before) / options.IdleConnections;
    }
}

var b = baseline.Latencies.Summary();
string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + " ms";
string Ratio(double value, double floor) => (value / floor).ToString("F1", CultureInfo.InvariantCulture) + "×";
Console.WriteLine();
Console.WriteLine("| metric | gateway | bare Kestrel | ratio |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| throughput | {cyclesPerSecond:F0} cycles/s (4 requests + 3 events each) | {baseline.Requests / baseline.Seconds:F0} requests/s | |");
Console.WriteLine($"| invite→notification p50 | {Ms(invite.P50)} | {Ms(b.P50)} round trip | {Ratio(invite.P50, b.P50)} |");
Console.WriteLine($"| invite→notification p99 | {Ms(invite.P99)} | {Ms(b.P99)} | {Ratio(invite.P99, b.P99)} |");
Console.WriteLine($"| invite→notification max | {Ms(invite.Max)} | {Ms(b.Max)} | |");
Console.WriteLine($"| lost notifications / request errors | {lost} / {errors} | | |");
Console.WriteLine(idleBytesPerSocket is { } perSocket
    ? $"| server memory per idle WebSocket | {perSocket / 1024.0:F1} KB ({options.IdleConnections} sockets) | | |"
    : "| server memory per idle WebSocket | (only measured when the bench starts the gateway) | | |");
return lost == 0 && errors == 0 ? 0 : 1;
