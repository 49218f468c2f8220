using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.MultiNode;

/// <summary>Issue #7 acceptance: cross-node calls on every surface, a killed node, and Redis going away and coming back.</summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new();

    public Task InitializeAsync() => _nodes.InitializeAsync();

    public Task DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task InviteOnA_ReachesBobOnB_AndHisAcceptOnB_ReachesAliceOnA()
    {
        using var alice = _nodes.A.User("alice");
        using var bob = _nodes.B.User("bob");
        await using var aliceStream = await alice.OpenStreamAsync();
        await using var bobStream = await bob.OpenStreamAsync();

        var id = await alice.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
        Assert.Equal(id, (await bobStream.WaitForAsync("invitationReceived")).InvitationId);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{id}/accept")).StatusCode);

        Assert.Equal(id, (await aliceStream.WaitForAsync("inviteeAccepted")).InvitationId);
    }

    [Fact]
    public async Task Admin_OnB_SeesAndEndsWhatLivesOnA()
    {
        using var alice = _nodes.A.User("alice");
        using var bob = _nodes.A.User("bob");
        await using var bobStream = await bob.OpenStreamAsync();
        var id = await alice.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
        await bobStream.WaitForAsync("invitationReceived");
        using var admin = new HttpClient { BaseAddress = _nodes.B.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", GatewayProcess.AdminKey);

        var ringing = await admin.GetFromJsonAsync<JsonElement>("/admin/invitations?status=ringing");
        var online = await admin.GetFromJsonAsync<JsonElement>("/admin/users?surface=v1");

        Assert.Equal([id], ringing.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var stream = Assert.Single(online.GetProperty("items").EnumerateArray()).GetProperty("streams")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/invitations/{id}/end", null)).StatusCode);
        Assert.Equal(id, (await bobStream.WaitForAsync("invitationCancelled")).InvitationId);

        // Node A learns of the removal at its next heartbeat (1 s in these tests).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/streams/{stream}")).StatusCode);
        Assert.Equal("removed by an operator", (await bobStream.WaitForAsync("removed", TimeSpan.FromSeconds(5))).Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EverySurface_CallsAcrossNodes()
    {
        // Tencent on A → canonical on B.
        using var tencent = _nodes.A.TencentUser("t1");
        using var carol = _nodes.B.User("carol");
        await using var carolStream = await carol.OpenStreamAsync();
        await using var tencentListener = await tencent.OpenListenerAsync();
        var tencentCall = await tencent.InviteAsync(new { invitee = "carol", data = "x", timeout = 30 });
        Assert.Equal(tencentCall, (await carolStream.WaitForAsync("invitationReceived")).InvitationId);
        await carol.PostAsync($"/v1/invitations/{tencentCall}/accept");
        await tencentListener.WaitForAsync("onInviteeAccepted");

        // OpenIM on B → NIM on A, and the NIM reject comes back across.
        using var openim = _nodes.B.OpenIMUser("u1");
        using var nim = _nodes.A.NimUser("acc1");
        await using var openimEvents = await openim.OpenEventsAsync();
        await using var nimEvents = await nim.OpenEventsAsync();
        await openim.InviteAsync(["acc1"]);
        var invite = (await nimEvents.WaitForAsync("signalingNotify")).Data;
        await nim.OkAsync("signalingReject", new
        {
            channelId = invite.GetProperty("channelId").GetString(), account = "u1", requestId = invite.GetProperty("requestId").GetString(),
        });
        await openimEvents.WaitForAsync("OnInviteeRejected");

        // Agora on A ↔ Agora on B: call, accept, and a shared channel.
        using var agoraA = _nodes.A.AgoraUser("ag1");
        using var agoraB = _nodes.B.AgoraUser("ag2");
        await agoraA.LoginAsync();
        await agoraB.LoginAsync();
        await using var agoraAEvents = await agoraA.OpenEventsAsync();
        await using var agoraBEvents = await agoraB.OpenEventsAsync();
        await agoraA.OkAsync("channelInviteUser2", new { channelID = "room-x", peer = "ag2", extra = "{}" });
        await agoraBEvents.WaitForAsync("onInviteReceived");
        await agoraB.OkAsync("channelInviteAccept", new { channelID = "room-x", peer = "ag1" });
        await agoraAEvents.WaitForAsync("onInviteAcceptedByPeer");
        await agoraA.OkAsync("channelJoin", new { channelID = "room-x" });
        await agoraB.OkAsync("channelJoin", new { channelID = "room-x" });
        Assert.Equal("ag2", (await agoraAEvents.WaitForAsync("onChannelUserJoined")).Data.GetProperty("account").GetString());
    }

    [Fact]
    public async Task KilledNode_ItsPendingTimeoutFiresOnceOnTheOther_AndAResumingClientMissesNothing()
    {
        // Alice calls from her phone through node A; her laptop's stream is on A too.
        using var alicePhone = _nodes.A.User("alice", "phone");
        using var aliceLaptopOnA = _nodes.A.User("alice", "laptop");
        using var bob = _nodes.B.User("bob");
        await using var bobStream = await bob.OpenStreamAsync();
        long lastSeen;
        await using (var laptopStream = await aliceLaptopOnA.OpenStreamAsync())
        {
            await alicePhone.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 3 });
            lastSeen = (await laptopStream.WaitForAsync("invitationSent")).Id;
            await bobStream.WaitForAsync("invitationReceived");
            _nodes.A.Kill();
        }

        await bobStream.WaitForAsync("invitationTimedOut", TimeSpan.FromSeconds(10));

        using var aliceOnB = _nodes.B.User("alice", "laptop");
        await using var resumed = await aliceOnB.OpenStreamAsync(lastSeen);
        var missed = await resumed.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["invitationTimedOut"], missed.Select(e => e.Name));
        Assert.True(missed[0].Id > lastSeen);

        var wholeLog = await aliceOnB.ReadLogAsync();
        Assert.Single(wholeLog, e => e.Name == "invitationTimedOut");
        Assert.Equal(wholeLog.Select(e => e.Id).Distinct().Count(), wholeLog.Count);
    }

    /// <summary>Issue #17: a node stopped with SIGTERM tells its streams to reconnect; on the other node they resume and miss nothing.</summary>
    [Fact]
    public async Task TerminatedNode_ItsStreamsReconnectToTheOther_AndMissNothing()
    {
        using var alice = _nodes.B.User("alice");
        using var bobOnA = _nodes.A.User("bob");
        long lastSeen;
        await using (var bobStream = await bobOnA.OpenStreamAsync())
        {
            await alice.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
            lastSeen = (await bobStream.WaitForAsync("invitationReceived")).Id;

            var terminating = _nodes.A.TerminateAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("reconnect", (await bobStream.WaitForAsync("reconnect", TimeSpan.FromSeconds(5))).Name);
            Assert.Equal(0, (await terminating).ExitCode);
        }

        // While bob is between nodes, alice calls again; bob resumes on B with his last id.
        var second = await alice.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
        using var bobOnB = _nodes.B.User("bob");
        await using var resumed = await bobOnB.OpenStreamAsync(lastSeen);

        var missed = await resumed.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([second], missed.Where(e => e.Name == "invitationReceived").Select(e => e.InvitationId));
        Assert.All(missed, e => Assert.True(e.Id > lastSeen));
    }

    [Fact]
    public async Task RedisDown_Answers503AndNotReady_ThenRecoversWithoutARestart()
    {
        using var alice = _nodes.A.User("alice");
        using var http = new HttpClient { BaseAddress = _nodes.A.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await alice.InviteAsync(new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        _nodes.Redis.Stop();
        var started = DateTime.UtcNow;
        var refused = await alice.PostAsync("/v1/invitations", new { invitees = new[] { "bob" }, timeoutSeconds = 30 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Unavailable", (await UserClient.ReadAsync(refused)).GetProperty("code").GetString());
        using var nim = _nodes.A.NimUser("acc9");
        using var sync = new HttpRequestMessage(HttpMethod.Post, "/nim/signalingSync") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        sync.Headers.Add("X-NIM-AppKey", GatewayProcess.NimAppKey);
        sync.Headers.Add("X-NIM-Accid", nim.Accid);
        sync.Headers.Add("X-NIM-Token", nim.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await nim.Http.SendAsync(sync)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "requests must not hang while Redis is down");
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("signaling_redis_errors_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("signaling_store_unavailable_total", metrics, StringComparison.Ordinal);

        await using var back = new Signaling.Storage.Specification.RedisServer(_nodes.Redis.Port);
        await back.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            status = (await alice.PostAsync("/v1/invitations", new { invitees = new[] { "bob" }, timeoutSeconds = 30 })).StatusCode;
        }
        while (status != HttpStatusCode.Created && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }
}
