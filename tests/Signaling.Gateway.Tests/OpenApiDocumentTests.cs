using System.Text.Json.Nodes;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>The committed OpenAPI documents match what the gateway serves, and every operation is documented.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiDocumentTests(GatewayFixture fixture)
{
    public static TheoryData<string> Documents => new() { "v1", "tencent", "openim", "nim", "agora", "admin" };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task CommittedDocument_MatchesGenerated(string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        var generated = JsonNode.Parse(await http.GetStringAsync($"/openapi/{name}.json"))!;
        var path = Path.Combine(GatewayProcess.RepositoryRoot, "openapi", $"{name}.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, generated.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Assert.True(File.Exists(path), $"openapi/{name}.json is missing: rerun with UPDATE_OPENAPI=1 and commit.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.True(JsonNode.DeepEquals(committed, generated), $"openapi/{name}.json differs from the generated document: rerun with UPDATE_OPENAPI=1 and commit.");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task EveryOperation_HasSummaryErrorsAndExamples(string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        var document = JsonNode.Parse(await http.GetStringAsync($"/openapi/{name}.json"))!;

        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var label = $"{method.ToUpperInvariant()} {route}";
                Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{label} has no summary");
                var responses = operation["responses"]!.AsObject();
                Assert.True(responses.Any(r => r.Key.StartsWith('4')), $"{label} documents no error response");
                if (operation["requestBody"] is { } body)
                {
                    Assert.True(body["content"]!.AsObject().Any(c => c.Value!["example"] is not null), $"{label} has no request example");
                }

                var success = responses.FirstOrDefault(r => r.Key.StartsWith('2'));
                if (success.Value?["content"]?["application/json"] is { } json)
                {
                    Assert.True(json["example"] is not null, $"{label} has no response example");
                }
            }
        }
    }

    [Fact]
    public async Task V1_DeclaresBearerSecurity()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/v1/invitations"]!["post"]!["security"]);
    }
}
