using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>Issue #17: /metrics serves the gateway's meters and ASP.NET Core's in the Prometheus text format.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MetricsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterACallThatTimesOut_ShowTheGatewaysMeters()
    {
        using var alice = fixture.Gateway.User(GatewayFixture.Unique("alice"));
        using var bob = fixture.Gateway.User(GatewayFixture.Unique("bob"));
        await using var bobStream = await bob.OpenStreamAsync();
        await alice.InviteAsync(new { invitees = new[] { bob.UserId }, timeoutSeconds = 1 });
        await bobStream.WaitForAsync("invitationTimedOut", TimeSpan.FromSeconds(4));
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };

        var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var name in new[]
                 {
                     "signaling_invites_total", "signaling_events_delivered_total", "signaling_invite_delivery_latency_milliseconds_bucket",
                     "signaling_invitee_outcomes_total{otel_scope_name=\"Signaling.Gateway\",outcome=\"timed_out\"}", "signaling_streams_open{",
                     "signaling_timeouts_fired_total", "signaling_timeout_lateness_milliseconds_bucket", "http_server_request_duration_seconds_bucket",
                     "signaling_store_commit_duration_milliseconds_bucket{otel_scope_name=\"Signaling.Gateway\",conflict=\"false\",provider=\"sqlite\"",
                 })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }
}
