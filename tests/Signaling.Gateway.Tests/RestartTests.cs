using System.Diagnostics;
using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>A crash (kill -9) loses no pending invitation, no timeout and no event (issue #2 acceptance 5).</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task KillDuringPendingTimeout_TimeoutFiresOnceAfterRestart_AndStreamsResumeWithoutGapsOrDuplicates()
    {
        await using var gateway = new GatewayProcess();
        await gateway.StartAsync();
        using var alice = gateway.User("alice");
        using var bob = gateway.User("bob");
        long bobLastSeen;
        string id;
        await using (var bobStream = await bob.OpenStreamAsync())
        {
            await alice.PostAsync($"/v1/users/{bob.UserId}/messages", new { message = "heads up" });
            await bobStream.WaitForAsync("peerMessage");
            id = await alice.InviteAsync(new { invitees = new[] { bob.UserId }, timeoutSeconds = 3 });
            bobLastSeen = (await bobStream.WaitForAsync("invitationReceived")).Id;
        }

        var killedAt = Stopwatch.StartNew();
        gateway.Kill();
        await gateway.StartAsync();
        await using var resumed = await bob.OpenStreamAsync(lastEventId: bobLastSeen);
        await using var aliceStream = await alice.OpenStreamAsync(lastEventId: 0);

        var timedOut = await resumed.WaitForAsync("invitationTimedOut", TimeSpan.FromSeconds(10));
        Assert.Equal(id, timedOut.InvitationId);
        Assert.Equal(bobLastSeen + 1, timedOut.Id);
        Assert.InRange(killedAt.Elapsed.TotalSeconds, 0, 10);
        Assert.Empty(await resumed.DrainAsync(TimeSpan.FromSeconds(1)));

        var aliceEvents = await aliceStream.DrainAsync(TimeSpan.FromMilliseconds(500));
        Assert.Single(aliceEvents, e => e.Name == "invitationTimedOut" && e.InvitationId == id);

        // The whole log, read fresh: every event exactly once, in order.
        var log = await bob.ReadLogAsync();
        Assert.Equal(["peerMessage", "invitationReceived", "invitationTimedOut"], log.Select(e => e.Name));
        Assert.Equal([1L, 2L, 3L], log.Select(e => e.Id));
        var late = await bob.PostAsync($"/v1/invitations/{id}/accept");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}
