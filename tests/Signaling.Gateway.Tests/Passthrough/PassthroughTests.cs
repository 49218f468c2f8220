using System.Net;
using System.Text;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Passthrough;

/// <summary>Issue #7: YARP forwards what the gateway does not serve to a legacy upstream, and leaves gateway routes alone.</summary>
public sealed class PassthroughTests : IAsyncLifetime
{
    private readonly EchoUpstream _upstream = new();
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        await _upstream.StartAsync();
        _gateway = new GatewayProcess(settings: new Dictionary<string, string>
        {
            ["ReverseProxy__Routes__legacy__ClusterId"] = "legacy",
            ["ReverseProxy__Routes__legacy__Match__Path"] = "{**catch-all}",
            ["ReverseProxy__Clusters__legacy__Destinations__primary__Address"] = _upstream.Address.ToString(),
        });
        await _gateway.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task UnknownRoute_IsForwardedWithMethodQueryHeadersAndBody_AndTheAnswerComesBackIntact()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v4/openim/sendmsg?sdkappid=1&random=7")
        {
            Content = new StringContent("{\"msg\":\"hi\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Custom", "kept");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("legacy", response.Headers.GetValues("X-Upstream").Single());
        Assert.Equal("PUT /v4/openim/sendmsg?sdkappid=1&random=7 custom=kept body={\"msg\":\"hi\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GatewayRoutes_AreNeverForwarded()
    {
        using var alice = _gateway.User("alice");
        using var nim = _gateway.NimUser("acc1");
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };

        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsync("/v1/invitations", new { invitees = new[] { "bob" } })).StatusCode);
        Assert.Equal(200, (await nim.CallAsync("signalingSync", new { })).Code);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/agora/getStatus", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/agora/channelJoin", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        Assert.Empty(_upstream.Paths);
    }

    [Fact]
    public async Task UpstreamDown_Answers502AsProblemDetails()
    {
        await _upstream.StopAsync();
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };

        var response = await http.GetAsync("/v4/anything");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UpstreamUnavailable", await response.Content.ReadAsStringAsync());
    }
}
