using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HostTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Health_LiveAndReady()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    /// <summary>
    /// Issue 16 (the first call after a cold start): a gateway says it is ready only once it has sent itself what every
    /// call starts with — so the first caller does not wait ~0.8 s for endpoints to be built — over HTTP and as commands
    /// of the event stream, and that warm-up leaves nothing behind: no invitation, nobody online (so no presence webhook),
    /// no event in anyone's log.
    /// </summary>
    [Fact]
    public async Task AStartedGateway_IsReadyOnceWarm_AndTheWarmUpLeavesNothingBehind()
    {
        await using var gateway = new GatewayProcess(settings: new Dictionary<string, string>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"] = "Information",
        });
        await gateway.StartAsync(); // Returns once /readyz answers 200.
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        var warmUpLog = gateway.Output;
        using var admin = new HttpClient { BaseAddress = gateway.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", GatewayProcess.AdminKey);
        var invitations = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/invitations");
        var online = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/users");
        var metrics = await http.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Matches(@"Method: POST PathBase: +Path: /v1/invitations StatusCode: 400", warmUpLog);
        Assert.Matches(@"signaling_stream_commands_total\{(?=[^}]*operation=""CreateInvitation"")(?=[^}]*status=""400"")[^}]*\} 1(\s|$)", metrics);
        Assert.Equal(0, invitations.GetProperty("items").GetArrayLength());
        Assert.Equal(0, online.GetProperty("items").GetArrayLength());
        using var warmUpUser = gateway.User("gateway-warm-up");
        Assert.Equal(0, (await warmUpUser.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/events/cursor")).GetProperty("after").GetInt64());
    }

    [Fact]
    public async Task DemoPage_InDevelopment_IsServedWithTheClientBesideIt()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        var page = await http.GetAsync("/demo");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("demo call", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var package in new[] { "client", "tsignaling", "openim", "nim", "agora-signaling" })
        {
            var script = await http.GetAsync($"/demo/packages/{package}/src/index.js");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task DemoCredentials_InDevelopment_AreWhatTheVendorsAppServerWouldGive()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        var response = await http.PostAsJsonAsync("/demo/credentials", new { surface = "nim", userId = "demo-user" });
        var credentials = await UserClient.ReadAsync(response);
        using var sync = new HttpRequestMessage(HttpMethod.Post, "/nim/signalingSync") { Content = JsonContent.Create(new { }) };
        sync.Headers.Add("X-NIM-AppKey", credentials.GetProperty("appId").GetString());
        sync.Headers.Add("X-NIM-Accid", "demo-user");
        sync.Headers.Add("X-NIM-Token", credentials.GetProperty("token").GetString());
        var synced = await http.SendAsync(sync);
        var unknown = await http.PostAsJsonAsync("/demo/credentials", new { surface = "skype", userId = "demo-user" });

        Assert.Equal(200, (await UserClient.ReadAsync(synced)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("InvalidArgument", (await UserClient.ReadAsync(unknown)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DevTokens_InDevelopment_AuthenticateTheUser()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        var response = await http.PostAsJsonAsync("/v1/dev/tokens", new { userId = "swagger-user" });
        var token = (await UserClient.ReadAsync(response)).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/users/swagger-user/attributes")).StatusCode);
    }

    [Fact]
    public async Task TokenCli_PrintsATokenTheGatewayAccepts()
    {
        var info = new ProcessStartInfo("dotnet", [GatewayProcess.GatewayDll(), "token", "cli-user", "--device", "laptop"]) { RedirectStandardOutput = true };
        info.Environment["Auth__SigningKey"] = GatewayProcess.SigningKey;
        using var cli = Process.Start(info)!;
        var token = (await cli.StandardOutput.ReadToEndAsync()).Trim();
        await cli.WaitForExitAsync();

        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/users/cli-user/attributes")).StatusCode);
    }
}

[Collection(GatewayCollection.Name)]
public sealed class VendorTokenCliTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TokenCli_WithVendorTencent_PrintsAUserSigTheTencentSurfaceAccepts()
    {
        var info = new ProcessStartInfo("dotnet", [GatewayProcess.GatewayDll(), "token", "--vendor", "tencent", "cli-user"]) { RedirectStandardOutput = true };
        info.Environment["Adapters__Tencent__SdkAppId"] = GatewayProcess.TencentAppId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Adapters__Tencent__SecretKey"] = GatewayProcess.TencentKey;
        using var cli = Process.Start(info)!;
        var userSig = (await cli.StandardOutput.ReadToEndAsync()).Trim();
        await cli.WaitForExitAsync();

        using var tencent = fixture.Gateway.TencentUser("cli-user");
        tencent.UserSig = userSig;
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(0, (await tencent.CallAsync("messages", new { })).Code);
    }
}

/// <summary>Outside Development the token shortcut does not exist.</summary>
public sealed class ProductionHostTests
{
    [Fact]
    public async Task DevTokens_OutsideDevelopment_AreNotMapped()
    {
        await using var gateway = new GatewayProcess(environment: "Production");
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        var response = await http.PostAsJsonAsync("/v1/dev/tokens", new { userId = "mallory" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/demo/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/demo/credentials", new { surface = "nim", userId = "mallory" })).StatusCode);
    }
}

/// <summary>Issue #17: the token CLI parses like a CLI (System.CommandLine): help, typed options, a reason and exit 2 for bad usage.</summary>
public sealed class TokenCliUsageTests
{
    [Theory]
    [InlineData("token alice --hours abc", "--hours")]
    [InlineData("token --vendor foo alice", "foo")]
    [InlineData("token", "userId")]
    [InlineData("token alice --hours 0", "--hours")]
    public async Task BadUsage_Exits2_NamingTheProblem(string arguments, string named)
    {
        var (code, output, error) = await RunAsync(arguments.Split(' '));

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsage_AndMintsNothing()
    {
        var (code, output, _) = await RunAsync(["token", "-h"]);

        Assert.Equal(0, code);
        Assert.Contains("--vendor", output, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [GatewayProcess.GatewayDll(), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var cli = Process.Start(info)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, (await output).Trim(), await error);
    }
}

/// <summary>Issue #17: a misconfigured gateway says what to fix in at most three lines on stderr, no stack trace, and exits 1.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StartupFailureTests(GatewayFixture fixture)
{
    public static TheoryData<string, string, string> Misconfigurations => new()
    {
        { "Adapters__Tencent__SdkAppId", "abc", "Adapters:Tencent:SdkAppId" },
        { "Storage__Sqlite__Path", "/proc/signaling/db.sqlite", "Storage:Sqlite:Path" },
        { "Storage__Sqlite__Path", "FILE/db.sqlite", "is a file, not a folder" },
        { "Admin__ApiKey", "short", "Admin:ApiKey" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task Misconfiguration_OneClearLine_Exit1(string key, string value, string named)
    {
        var file = Path.Combine(Path.GetTempPath(), "signaling-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "not a folder");

        var (code, error) = await StartAsync(new() { [key] = value.Replace("FILE", file, StringComparison.Ordinal) });

        AssertRefusal(code, error, named);
    }

    [Fact]
    public async Task PortInUse_NamesUrls()
    {
        var (code, error) = await StartAsync(new() { ["Urls"] = fixture.Gateway.BaseAddress.ToString().TrimEnd('/') });

        AssertRefusal(code, error, "Urls");
    }

    [Fact]
    public async Task DatabaseOfARunningGateway_NamesTheOwner()
    {
        var (code, error) = await StartAsync(new() { ["Storage__Sqlite__Path"] = fixture.Gateway.DatabasePath });

        AssertRefusal(code, error, "in use by another gateway process (process ");
    }

    private static void AssertRefusal(int code, string error, string named)
    {
        Assert.Equal(1, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.InRange(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 1, 3);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> StartAsync(Dictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet", [GatewayProcess.GatewayDll()]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Urls"] = "http://127.0.0.1:0";
        info.Environment["Storage__Sqlite__Path"] = Path.Combine(Path.GetTempPath(), "signaling-e2e", Guid.NewGuid().ToString("N"), "g.db");
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        using var gateway = Process.Start(info)!;
        var output = gateway.StandardOutput.ReadToEndAsync();
        var error = gateway.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await gateway.WaitForExitAsync(deadline.Token);
        await output;
        return (gateway.ExitCode, await error);
    }
}
