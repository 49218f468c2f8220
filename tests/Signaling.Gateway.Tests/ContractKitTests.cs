using System.Diagnostics;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>
/// The contract kit (tests/Signaling.Contract, `./test.sh contract --url …`) as a migrating team runs it against their
/// deployment (issue 13): a full per-operation table and exit 0 on a gateway that keeps the contracts; a non-zero exit
/// naming the failing operations when a surface is misconfigured.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ContractKitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AGatewayKeepingTheContracts_GetsAFullTable_AndExit0()
    {
        var (exit, output) = await RunKitAsync(fixture.Gateway.BaseAddress.ToString());

        Assert.True(exit == 0, output);
        foreach (var surface in new[] { "v1", "tencent", "openim", "nim", "agora" })
        {
            foreach (var operation in Infrastructure.Conformance.ConformanceProxy.Documents.Operations(surface).Where(o => !o.Contains("/dev/", StringComparison.Ordinal)))
            {
                Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(operation)}\s+pass\s+\d+/\d+ held", output);
            }
        }

        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("Every check held.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecret_ExitsNonZero_NamingTheFailingOperations()
    {
        await using var misconfigured = new GatewayProcess(settings: new Dictionary<string, string> { ["Adapters__Tencent__SecretKey"] = "not-the-secret-the-app-signs-with" });
        await misconfigured.StartAsync();

        var (exit, output) = await RunKitAsync(misconfigured.BaseAddress.ToString(), "--surface", "tencent", "--surface", "agora");

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^POST /tencent/signaling/invite\s+FAIL", output);
        Assert.Matches(@"(?m)^GET /tencent/signaling/listener\s+FAIL", output);
        Assert.Matches(@"(?m)^  FAIL POST /tencent/signaling/accept: ", output);
        Assert.Matches(@"(?m)^POST /agora/login\s+pass", output); // Only the misconfigured surface fails.
        Assert.Contains("Some checks failed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "not-an-address")]
    [InlineData("--url", "http://127.0.0.1:1", "--surface", "teams")]
    public async Task BadUsage_Exits2(params string[] arguments)
    {
        var (exit, output) = await RunKitAsync(arguments);

        Assert.True(exit == 2, output);
    }

    private static Task<(int Exit, string Output)> RunKitAsync(string url, params string[] more) => RunKitAsync(["--url", url, .. more]);

    private static async Task<(int Exit, string Output)> RunKitAsync(string[] arguments)
    {
        var kit = Path.Combine(AppContext.BaseDirectory, "Signaling.Contract.dll");
        var info = new ProcessStartInfo("dotnet", [kit, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in GatewayProcess.Secrets)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
