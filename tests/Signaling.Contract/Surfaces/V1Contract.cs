using System.Net;
using static Signaling.Contract.Checks;

namespace Signaling.Contract.Surfaces;

/// <summary>The canonical API (README "/v1"; DESIGN "The HTTP edge"): JSON in, ProblemDetails with a canonical code out.</summary>
public static class V1Contract
{
    private const string Source = "DESIGN: canonical API";

    public static async Task RunAsync(ContractRun run, Credentials credentials)
    {
        var wire = run.Wire;
        var (alice, bob) = (run.User("alice"), run.User("bob"));
        var aliceAuth = Bearer(credentials.V1Token(alice));
        var bobAuth = Bearer(credentials.V1Token(bob));
        run.NotChecked("POST /v1/dev/tokens", "Development only");
        run.NotChecked("GET /v1/dev/online", "Development only");
        EventFeed? aliceEvents = null, bobEvents = null;
        string? callId = null, channelId = null;

        await run.CheckAsync("GET /v1/events", "a signed-in user's stream opens; an unsigned one is 401", Source, async () =>
        {
            aliceEvents = await wire.ListenAsync("/v1/events", aliceAuth);
            bobEvents = await wire.ListenAsync("/v1/events", bobAuth);
            (await wire.SendAsync(HttpMethod.Get, "/v1/events", null, null)).ExpectStatus(HttpStatusCode.Unauthorized, "Unauthenticated");
        });
        await run.CheckAsync("GET /v1/events/cursor", "the cursor is a sequence", Source, async () =>
            _ = (await wire.SendAsync(HttpMethod.Get, "/v1/events/cursor", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK).Get("after"));

        await run.CheckAsync("POST /v1/invitations", "invite: 201 with a ringing invitation; the invitee gets invitationReceived", Source, async () =>
        {
            var answer = (await wire.PostJsonAsync("/v1/invitations", new { invitees = new[] { bob }, mediaType = "video", timeoutSeconds = 30 }, aliceAuth))
                .ExpectStatus(HttpStatusCode.Created);
            callId = answer.String("id");
            await Need(bobEvents).WaitForAsync("invitationReceived", e => e.GetProperty("invitationId").GetString() == callId);
        });
        await run.CheckAsync("POST /v1/invitations", "bad input is 400 InvalidArgument", Source, async () =>
            (await wire.PostJsonAsync("/v1/invitations", new { invitees = Array.Empty<string>() }, aliceAuth)).ExpectStatus(HttpStatusCode.BadRequest, "InvalidArgument"));
        await run.CheckAsync("GET /v1/invitations/{id}", "both parties read it; a stranger is 403", Source, async () =>
        {
            (await wire.SendAsync(HttpMethod.Get, $"/v1/invitations/{Need(callId)}", null, null, bobAuth)).ExpectStatus(HttpStatusCode.OK);
            (await wire.SendAsync(HttpMethod.Get, $"/v1/invitations/{callId}", null, null, Bearer(credentials.V1Token(run.User("eve"))))).ExpectStatus(HttpStatusCode.Forbidden);
        });
        await run.CheckAsync("POST /v1/invitations/{id}/modify", "the inviter changes the data; the invitee gets invitationModified", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/invitations/{Need(callId)}/modify", new { data = "v2" }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(bobEvents).WaitForAsync("invitationModified");
        });
        await run.CheckAsync("POST /v1/invitations/{id}/accept", "accept: the inviter gets inviteeAccepted; a second accept is 409", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/invitations/{Need(callId)}/accept", new { }, bobAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(aliceEvents).WaitForAsync("inviteeAccepted");
            (await wire.PostJsonAsync($"/v1/invitations/{callId}/accept", new { }, bobAuth)).ExpectStatus(HttpStatusCode.Conflict);
        });
        await run.CheckAsync("POST /v1/invitations/{id}/hangup", "hang-up: the other party gets callEnded", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/invitations/{Need(callId)}/hangup", new { }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(bobEvents).WaitForAsync("callEnded");
        });
        await run.CheckAsync("POST /v1/invitations/{id}/reject", "reject: the inviter gets inviteeRejected", Source, async () =>
        {
            var id = (await wire.PostJsonAsync("/v1/invitations", new { invitees = new[] { bob }, timeoutSeconds = 30 }, aliceAuth)).String("id");
            (await wire.PostJsonAsync($"/v1/invitations/{id}/reject", new { }, bobAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(aliceEvents).WaitForAsync("inviteeRejected", e => e.GetProperty("invitationId").GetString() == id);
        });
        await run.CheckAsync("POST /v1/invitations/{id}/cancel", "cancel: the invitee gets invitationCancelled; only the inviter may cancel", Source, async () =>
        {
            var id = (await wire.PostJsonAsync("/v1/invitations", new { invitees = new[] { bob }, timeoutSeconds = 30 }, aliceAuth)).String("id");
            (await wire.PostJsonAsync($"/v1/invitations/{id}/cancel", new { }, bobAuth)).ExpectStatus(HttpStatusCode.Forbidden);
            (await wire.PostJsonAsync($"/v1/invitations/{id}/cancel", new { }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(bobEvents).WaitForAsync("invitationCancelled", e => e.GetProperty("invitationId").GetString() == id);
        });
        await run.CheckAsync("POST /v1/invitations", "an unanswered invitation times out for both parties", Source, async () =>
        {
            var id = (await wire.PostJsonAsync("/v1/invitations", new { invitees = new[] { bob }, timeoutSeconds = 1 }, aliceAuth)).String("id");
            await Need(aliceEvents).WaitForAsync("invitationTimedOut", e => e.GetProperty("invitationId").GetString() == id, TimeSpan.FromSeconds(5));
        });

        await run.CheckAsync("POST /v1/channels", "create: 201 with the channel; the same name again is 409", Source, async () =>
        {
            var name = $"{run.Prefix}-room";
            channelId = (await wire.PostJsonAsync("/v1/channels", new { name, type = "video" }, aliceAuth)).ExpectStatus(HttpStatusCode.Created).String("id");
            (await wire.PostJsonAsync("/v1/channels", new { name, type = "video" }, aliceAuth)).ExpectStatus(HttpStatusCode.Conflict, "ChannelExists");
        });
        await run.CheckAsync("POST /v1/channels/{id}/join", "join: the members get memberJoined", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/channels/{Need(channelId)}/join", new { }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            (await wire.PostJsonAsync($"/v1/channels/{channelId}/join", new { }, bobAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(aliceEvents).WaitForAsync("memberJoined", e => e.GetProperty("channelId").GetString() == channelId);
        });
        await run.CheckAsync("GET /v1/channels/{id}", "read: both members listed", Source, async () =>
        {
            var members = (await wire.SendAsync(HttpMethod.Get, $"/v1/channels/{Need(channelId)}", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK).Get("members");
            Require(members.GetArrayLength() == 2, $"two members expected, got {members.GetArrayLength()}");
        });
        await run.CheckAsync("PUT /v1/channels/{id}/attributes/{name}", "set: the members get channelAttributesChanged", Source, async () =>
        {
            (await wire.SendAsync(HttpMethod.Put, $"/v1/channels/{Need(channelId)}/attributes/topic", "{\"value\":\"standup\"}", "application/json", aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(bobEvents).WaitForAsync("channelAttributesChanged");
        });
        await run.CheckAsync("DELETE /v1/channels/{id}/attributes/{name}", "delete one attribute", Source, async () =>
            (await wire.SendAsync(HttpMethod.Delete, $"/v1/channels/{Need(channelId)}/attributes/topic", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK));
        await run.CheckAsync("DELETE /v1/channels/{id}/attributes", "clear the attributes", Source, async () =>
            (await wire.SendAsync(HttpMethod.Delete, $"/v1/channels/{Need(channelId)}/attributes", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK));
        await run.CheckAsync("POST /v1/channels/{id}/messages", "a channel message reaches the other member", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/channels/{Need(channelId)}/messages", new { message = "hello" }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(bobEvents).WaitForAsync("channelMessage");
        });
        await run.CheckAsync("POST /v1/channels/{id}/leave", "leave: the others get memberLeft", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/channels/{Need(channelId)}/leave", new { }, bobAuth)).ExpectStatus(HttpStatusCode.OK);
            await Need(aliceEvents).WaitForAsync("memberLeft");
        });
        await run.CheckAsync("POST /v1/channels/{id}/close", "close; the closed channel is then 404", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/channels/{Need(channelId)}/close", new { }, aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            (await wire.SendAsync(HttpMethod.Get, $"/v1/channels/{channelId}", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.NotFound, "ChannelNotFound");
        });

        await run.CheckAsync("POST /v1/users/{id}/messages", "a peer message is accepted (202) and delivered", Source, async () =>
        {
            (await wire.PostJsonAsync($"/v1/users/{bob}/messages", new { message = "are you free?" }, aliceAuth)).ExpectStatus(HttpStatusCode.Accepted);
            await Need(bobEvents).WaitForAsync("peerMessage");
        });
        await run.CheckAsync("GET /v1/users/{id}/presence", "a user with an open stream is online", Source, async () =>
            Require((await wire.SendAsync(HttpMethod.Get, $"/v1/users/{bob}/presence", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK).Get("online").GetBoolean(), "bob is not online"));
        await run.CheckAsync("PUT /v1/users/{id}/attributes/{name}", "a user sets their own attribute; someone else's is 403", Source, async () =>
        {
            (await wire.SendAsync(HttpMethod.Put, $"/v1/users/{alice}/attributes/mood", "{\"value\":\"busy\"}", "application/json", aliceAuth)).ExpectStatus(HttpStatusCode.OK);
            (await wire.SendAsync(HttpMethod.Put, $"/v1/users/{bob}/attributes/mood", "{\"value\":\"busy\"}", "application/json", aliceAuth)).ExpectStatus(HttpStatusCode.Forbidden);
        });
        await run.CheckAsync("GET /v1/users/{id}/attributes", "others read a user's attributes", Source, async () =>
            Require((await wire.SendAsync(HttpMethod.Get, $"/v1/users/{alice}/attributes", null, null, bobAuth)).ExpectStatus(HttpStatusCode.OK).Body.GetRawText().Contains("busy", StringComparison.Ordinal), "mood=busy is missing"));
        await run.CheckAsync("DELETE /v1/users/{id}/attributes/{name}", "a user deletes their own attribute", Source, async () =>
            (await wire.SendAsync(HttpMethod.Delete, $"/v1/users/{alice}/attributes/mood", null, null, aliceAuth)).ExpectStatus(HttpStatusCode.OK));
    }

    private static KeyValuePair<string, string>[] Bearer(string token) => [new("Authorization", $"Bearer {token}")];
}
