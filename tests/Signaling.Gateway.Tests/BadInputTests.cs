using System.Net;
using System.Net.Http.Headers;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>Bad input gets a ProblemDetails naming the problem, never a 500, and stores nothing (issue #2 acceptance 6).</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    public static TheoryData<string, string, HttpStatusCode, string, string> Bodies => new()
    {
        { "malformed JSON", """{"invitees":["BOB" """, HttpStatusCode.BadRequest, "InvalidArgument", "body" },
        { "no invitees", """{"invitees":[]}""", HttpStatusCode.BadRequest, "InvalidArgument", "invitees" },
        { "missing invitees", """{"data":"x"}""", HttpStatusCode.BadRequest, "InvalidArgument", "invitees" },
        { "13 KB of data", $$"""{"invitees":["BOB"],"data":"{{new string('x', 13 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", "data" },
        { "200-character id", $$"""{"invitees":["{{new string('u', 200)}}"]}""", HttpStatusCode.BadRequest, "InvalidArgument", "invitees" },
        { "200-character room id", $$"""{"invitees":["BOB"],"roomId":"{{new string('r', 200)}}"}""", HttpStatusCode.BadRequest, "InvalidArgument", "roomId" },
        { "string for a number", """{"invitees":["BOB"],"timeoutSeconds":"2"}""", HttpStatusCode.BadRequest, "InvalidArgument", "timeoutSeconds" },
        { "string for a list", """{"invitees":"BOB"}""", HttpStatusCode.BadRequest, "InvalidArgument", "invitees" },
        { "unknown media type", """{"invitees":["BOB"],"mediaType":"hologram"}""", HttpStatusCode.BadRequest, "InvalidArgument", "mediaType" },
        { "negative timeout", """{"invitees":["BOB"],"timeoutSeconds":-1}""", HttpStatusCode.BadRequest, "InvalidArgument", "timeoutSeconds" },
        { "body over 64 KB", $$"""{"invitees":["BOB"],"data":"{{new string('x', 70 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Invite_BadBody_IsRefusedWithProblem_AndNothingIsStored(string why, string json, HttpStatusCode status, string code, string field)
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));

        var response = await alice.PostRawAsync("/v1/invitations", json.Replace("BOB", bob.UserId, StringComparison.Ordinal));

        Assert.True(status == response.StatusCode, $"{why}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await UserClient.ReadAsync(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _) || problem.GetProperty("errors").EnumerateObject().Any(p => p.Name.StartsWith(field, StringComparison.Ordinal)),
                $"{why}: errors do not name '{field}'");
        }

        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await bob.ReadLogAsync());
    }

    [Theory]
    [InlineData(null, "A bearer token is required")]
    [InlineData("not-a-jwt", "not a well-formed JWT")]
    [InlineData("wrong-key", "signature")]
    [InlineData("expired", "expired")]
    public async Task Invite_BadToken_Is401Problem_AndNothingIsStored(string? kind, string detail)
    {
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        var token = kind switch
        {
            null => null,
            "not-a-jwt" => "abc.def",
            "wrong-key" => new Signaling.Http.Identity.TokenIssuer(
                Microsoft.Extensions.Options.Options.Create(new Signaling.Http.Identity.AuthOptions { SigningKey = new string('k', 40) }),
                TimeProvider.System).Issue("alice"),
            _ => new Signaling.Http.Identity.TokenIssuer(
                Microsoft.Extensions.Options.Options.Create(new Signaling.Http.Identity.AuthOptions { SigningKey = GatewayProcess.SigningKey }),
                new PastClock(TimeSpan.FromHours(1))).Issue("alice", lifetime: TimeSpan.FromMinutes(10)),
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.PostAsync("/v1/invitations",
            new StringContent($$"""{"invitees":["{{bob.UserId}}"]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await UserClient.ReadAsync(response);
        Assert.Equal("Unauthenticated", problem.GetProperty("code").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await bob.ReadLogAsync());
    }

    [Fact]
    public async Task PathIdOver128Characters_Is400NamingIt()
    {
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));

        var response = await bob.PostAsync($"/v1/invitations/{new string('i', 200)}/accept");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await UserClient.ReadAsync(response)).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task UnknownInvitation_Is404Problem()
    {
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));

        var response = await bob.PostAsync("/v1/invitations/does-not-exist/accept");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("InvitationNotFound", (await UserClient.ReadAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task BadResumeCursor_Is400()
    {
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));

        var response = await bob.Http.GetAsync("/v1/events?after=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ChangingSomeoneElsesAttributes_IsForbidden()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));

        var response = await alice.Http.PutAsync("/v1/users/someone-else/attributes/status",
            new StringContent("""{"value":"hacked"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>A clock an hour behind, so a token it mints has already expired.</summary>
    private sealed class PastClock(TimeSpan behind) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - behind;
    }
}
