using System.Net.WebSockets;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>
/// Invitation commands sent on the <c>/v1/events</c> WebSocket: a command mirrors its HTTP request and its reply the
/// HTTP response, so an app can move a call's commands onto the socket it holds without changing what it handles.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StreamCommandTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task ACallRunsOnTheSockets_WithTheRepliesAndEventsHttpWouldGive()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceSocket = await CommandSocket.ConnectAsync(_gateway, alice.Token);
        await using var bobSocket = await CommandSocket.ConnectAsync(_gateway, bob.Token);

        var invited = await aliceSocket.SendAsync("POST", "/v1/invitations", new { invitees = new[] { bob.UserId }, data = "{\"call\":1}" });
        Assert.Equal(201, invited.GetProperty("status").GetInt32());
        var id = invited.GetProperty("body").GetProperty("id").GetString()!;
        Assert.Equal("ringing", invited.GetProperty("body").GetProperty("status").GetString());

        var received = await bobSocket.NextEventAsync();
        Assert.Equal("invitationReceived", received.GetProperty("kind").GetString());
        Assert.Equal(id, received.GetProperty("invitationId").GetString());

        // A read on the socket answers exactly what the HTTP read answers.
        var read = await bobSocket.SendAsync("GET", $"/v1/invitations/{id}");
        var httpRead = await UserClient.ReadAsync(await bob.Http.GetAsync($"/v1/invitations/{id}"));
        Assert.Equal(200, read.GetProperty("status").GetInt32());
        Assert.Equal(httpRead.GetRawText(), read.GetProperty("body").GetRawText());

        var accepted = await bobSocket.SendAsync("POST", $"/v1/invitations/{id}/accept", new { data = "{\"ok\":true}" });
        Assert.Equal(200, accepted.GetProperty("status").GetInt32());
        Assert.Equal("connected", accepted.GetProperty("body").GetProperty("status").GetString());
        Assert.Equal("inviteeAccepted", (await aliceSocket.NextEventAsync()).GetProperty("kind").GetString());

        // A second answer gets the 409 HTTP would give, with its canonical code.
        var late = await bobSocket.SendAsync("POST", $"/v1/invitations/{id}/reject");
        Assert.Equal(409, late.GetProperty("status").GetInt32());
        Assert.Equal("AlreadyAccepted", late.GetProperty("body").GetProperty("code").GetString());

        var hungUp = await aliceSocket.SendAsync("POST", $"/v1/invitations/{id}/hangup");
        Assert.Equal(200, hungUp.GetProperty("status").GetInt32());
        Assert.Equal("callEnded", (await bobSocket.NextEventAsync()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ARetriedInvite_WithTheSameRequestId_Replies200WithTheSameInvitation()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        var bob = GatewayFixture.Unique("bob");
        await using var socket = await CommandSocket.ConnectAsync(_gateway, alice.Token);
        var body = new { invitees = new[] { bob }, requestId = Guid.NewGuid().ToString("N") };

        var first = await socket.SendAsync("POST", "/v1/invitations", body);
        var retried = await socket.SendAsync("POST", "/v1/invitations", body);

        Assert.Equal(201, first.GetProperty("status").GetInt32());
        Assert.Equal(200, retried.GetProperty("status").GetInt32());
        Assert.Equal(first.GetProperty("body").GetProperty("id").GetString(), retried.GetProperty("body").GetProperty("id").GetString());
    }

    /// <summary>Each refusal is the problem HTTP gives for the same request: its status, its code, its field.</summary>
    [Theory]
    [InlineData("{\"invitees\":[]}", 400, "InvalidArgument", "invitees")]
    [InlineData("{\"invitees\":[\"bob\"],\"timeoutSeconds\":\"soon\"}", 400, "InvalidArgument", "timeoutSeconds")]
    [InlineData("{\"invitees\":[\"bob\"],\"timeoutSeconds\":-1}", 400, "InvalidArgument", "timeoutSeconds")]
    public async Task AnInvalidInvite_GetsTheProblemHttpGives_AndRingsNobody(string body, int status, string code, string field)
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceSocket = await CommandSocket.ConnectAsync(_gateway, alice.Token);
        await using var bobSocket = await CommandSocket.ConnectAsync(_gateway, bob.Token);
        var json = body.Replace("\"bob\"", $"\"{bob.UserId}\"", StringComparison.Ordinal);

        var reply = await aliceSocket.SendRawAsync($"{{\"id\":\"x1\",\"method\":\"POST\",\"path\":\"/v1/invitations\",\"body\":{json}}}");
        var http = await alice.PostRawAsync("/v1/invitations", json);

        Assert.Equal("x1", reply.GetProperty("reply").GetString());
        Assert.Equal(status, reply.GetProperty("status").GetInt32());
        Assert.Equal(status, (int)http.StatusCode);
        var problem = reply.GetProperty("body");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(code, (await UserClient.ReadAsync(http)).GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.True(await bobSocket.NoEventWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task CustomDataOverTheLimit_Is413_LikeHttp()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        await using var socket = await CommandSocket.ConnectAsync(_gateway, alice.Token);

        var reply = await socket.SendAsync("POST", "/v1/invitations", new { invitees = new[] { "bob" }, data = new string('x', 13 * 1024) });

        Assert.Equal(413, reply.GetProperty("status").GetInt32());
        Assert.Equal("PayloadTooLarge", reply.GetProperty("body").GetProperty("code").GetString());
    }

    [Fact]
    public async Task CommandsTheSocketCannotRead_AreRefusedInProblemShape_AndTheSocketKeepsWorking()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var socket = await CommandSocket.ConnectAsync(_gateway, alice.Token);
        await using var bobSocket = await CommandSocket.ConnectAsync(_gateway, bob.Token);

        static void Refused(JsonElement reply, int status, string code)
        {
            Assert.Equal(status, reply.GetProperty("status").GetInt32());
            Assert.Equal(code, reply.GetProperty("body").GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(reply.GetProperty("body").GetProperty("detail").GetString()));
        }

        Refused(await socket.SendRawAsync("{\"id\":1,\"method\":\"POST\",\"path\":\"/v1/invitations\",\"body\":{"), 400, "InvalidArgument");
        Refused(await socket.SendRawAsync("[1,2,3]"), 400, "InvalidArgument");
        Refused(await socket.SendRawAsync("{\"method\":\"GET\",\"path\":\"/v1/invitations/x\"}"), 400, "InvalidArgument");
        Refused(await socket.SendRawAsync("\"\\ud800\""), 400, "InvalidArgument");
        Refused(await socket.SendRawAsync("{\"id\":1}", WebSocketMessageType.Binary), 400, "InvalidArgument");
        Refused(await socket.SendAsync("POST", "/v1/channels", new { name = "room" }), 404, "RouteNotFound");
        Refused(await socket.SendAsync("DELETE", "/v1/invitations/abc"), 405, "MethodNotAllowed");
        Refused(await socket.SendAsync("POST", "/v1/invitations/abc/dance"), 404, "RouteNotFound");
        Refused(await socket.SendAsync("GET", "/v1/invitations/has%20space"), 400, "InvalidArgument");
        Refused(await socket.SendAsync("POST", "/v1/invitations"), 400, "InvalidArgument");
        Refused(await socket.SendAsync("POST", "/v1/invitations/nope/accept"), 404, "InvitationNotFound");

        // Over the request-body limit (64 KB here): refused as a whole, nothing of it read as a command.
        var huge = $"{{\"id\":2,\"method\":\"POST\",\"path\":\"/v1/invitations\",\"body\":{{\"invitees\":[\"{bob.UserId}\"],\"data\":\"{new string('x', 70 * 1024)}\"}}}}";
        var tooLarge = await socket.SendRawAsync(huge);
        Refused(tooLarge, 413, "PayloadTooLarge");
        Assert.Equal(JsonValueKind.Null, tooLarge.GetProperty("reply").ValueKind);

        // Nothing was changed, and the same socket still takes commands.
        Assert.True(await bobSocket.NoEventWithinAsync(TimeSpan.FromMilliseconds(300)));
        var fine = await socket.SendAsync("POST", "/v1/invitations", new { invitees = new[] { bob.UserId } });
        Assert.Equal(201, fine.GetProperty("status").GetInt32());
        Assert.Equal("invitationReceived", (await bobSocket.NextEventAsync()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task TheSocketsLogin_IsTheCaller_SoOthersCannotAnswerForTheInvitee()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var mallory = _gateway.User(GatewayFixture.Unique("mallory"));
        var id = await alice.InviteAsync(new { invitees = new[] { GatewayFixture.Unique("bob") } });
        await using var socket = await CommandSocket.ConnectAsync(_gateway, mallory.Token);

        var reply = await socket.SendAsync("POST", $"/v1/invitations/{id}/accept");

        Assert.Equal(403, reply.GetProperty("status").GetInt32());
        Assert.Equal("PermissionDenied", reply.GetProperty("body").GetProperty("code").GetString());
    }
}
