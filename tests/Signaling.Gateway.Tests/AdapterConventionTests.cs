using System.Text.Json.Nodes;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>
/// Every vendor adapter project has the pieces STYLE.md asks of it; a new adapter that misses one fails here.
/// Adapters are found by folder, so this needs no edit when a vendor is added.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AdapterConventionTests(GatewayFixture fixture)
{
    public static TheoryData<string> Adapters()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(GatewayProcess.RepositoryRoot, "src"), "Signaling.Adapters.*"))
        {
            data.Add(Path.GetFileName(folder)["Signaling.Adapters.".Length..]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Adapter_HasTheRequiredFiles(string vendor)
    {
        var folder = Path.Combine(GatewayProcess.RepositoryRoot, "src", $"Signaling.Adapters.{vendor}");
        foreach (var file in new[] { $"{vendor}Adapter.cs", $"{vendor}Endpoints.cs", $"{vendor}ErrorMap.cs", $"{vendor}EventRenderer.cs", $"{vendor}Options.cs", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{vendor} adapter has no {file}");
        }

        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains("## Parity", readme, StringComparison.Ordinal);
        Assert.Contains("## Errors", readme, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(GatewayProcess.RepositoryRoot, "tests", $"Signaling.Adapters.{vendor}.Tests")), $"{vendor} adapter has no test project");
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public async Task Adapter_IsServedAndDocumented(string vendor)
    {
        var name = vendor.ToLowerInvariant();
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        var document = JsonNode.Parse(await http.GetStringAsync($"/openapi/{name}.json"))!;

        Assert.True(File.Exists(Path.Combine(GatewayProcess.RepositoryRoot, "openapi", $"{name}.json")), $"openapi/{name}.json is not committed");
        Assert.NotEmpty(document["paths"]!.AsObject());
        Assert.All(document["paths"]!.AsObject(), path => Assert.StartsWith($"/{name}/", path.Key, StringComparison.Ordinal));
    }
}
