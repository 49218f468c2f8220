using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.MultiNode;

/// <summary>Webhooks with two nodes on one Redis (issue 18): either node delivers, one at a time per message, and a killed node loses nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MultiNodeWebhookTests
{
    [Fact]
    public async Task OneNodeKilled_EveryMessageDeliveredAtLeastOnce_NoneByBothAtOnce()
    {
        // The receiver holds each request 100 ms, so two nodes sending one message at once would overlap there.
        using var receiver = new WebhookReceiverProcess(holdMs: 100);
        await receiver.StartAsync();
        var settings = receiver.EndpointSettings("push.requested");
        settings["Webhooks__MaxBackoff"] = "00:00:01";
        settings["Webhooks__Timeout"] = "00:00:02";
        settings["Webhooks__Concurrency"] = "4";
        await using var nodes = new TwoNodes(settings);
        await nodes.InitializeAsync();
        using var onA = nodes.A.User(GatewayFixture.Unique("alice"));
        using var onB = nodes.B.User(GatewayFixture.Unique("carol"));
        var created = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            created.Add(await (i % 2 == 0 ? onA : onB).InviteAsync(new { invitees = new[] { GatewayFixture.Unique($"bob{i % 8}") }, timeoutSeconds = 300 }));
        }

        nodes.A.Kill(); // With messages of its own still queued or in flight.
        for (var i = 0; i < 20; i++)
        {
            created.Add(await onB.InviteAsync(new { invitees = new[] { GatewayFixture.Unique($"dan{i % 4}") }, timeoutSeconds = 300 }));
        }

        var received = await receiver.WaitForAsync(
            r => r.Select(x => x.Data.GetProperty("invitationId").GetString()).Distinct().Count() >= created.Count, TimeSpan.FromSeconds(30), $"{created.Count} messages");

        Assert.True(created.ToHashSet().SetEquals(received.Select(r => r.Data.GetProperty("invitationId").GetString()!)), "delivered invitations differ from those created");
        Assert.DoesNotContain(received, r => r.Overlapped);
        Assert.All(received, r => Assert.True(r.Verified));
    }
}
