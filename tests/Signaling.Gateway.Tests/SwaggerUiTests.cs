using System.Diagnostics;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>Swagger UI, loaded in a real headless Chromium, lists the documents and their operations.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SwaggerUiTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SwaggerUi_RendersTheCanonicalDocument()
    {
        var profile = Directory.CreateTempSubdirectory("signaling-chromium");
        var info = new ProcessStartInfo("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            "--virtual-time-budget=15000", "--dump-dom", new Uri(fixture.Gateway.BaseAddress, "/swagger/index.html").ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var chromium = Process.Start(info) ?? throw new InvalidOperationException("chromium did not start (./test.sh installs it).");
        var dom = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await chromium.WaitForExitAsync(timeout.Token);
        var html = await dom;

        Assert.Contains("Signaling Gateway canonical API", html, StringComparison.Ordinal);
        Assert.Contains("/v1/invitations", html, StringComparison.Ordinal);
        Assert.Contains("Invite one user", html, StringComparison.Ordinal);
        Assert.Contains("tencent", html, StringComparison.Ordinal);
    }
}
