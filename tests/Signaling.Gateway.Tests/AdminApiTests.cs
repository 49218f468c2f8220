using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>The operators' API at /admin against the real gateway: each operation, and its key (issue 17, item 4).</summary>
[Collection(GatewayCollection.Name)]
public sealed class AdminApiTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task MissingOrWrongKey_Is401WithCode(string? key)
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Admin-Key", key);
        }

        foreach (var (method, path) in new[] { ("GET", "/admin/invitations"), ("POST", "/admin/channels/x/close"), ("DELETE", "/admin/streams/x") })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Unauthenticated", (await UserClient.ReadAsync(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task ListInvitations_ByStatus_PagesAndReadsOne()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var bobStream = await bob.OpenStreamAsync();
        var ringing = await alice.InviteAsync(new { invitees = new[] { bob.UserId }, timeoutSeconds = 60 });
        var connected = await alice.InviteAsync(new { invitees = new[] { bob.UserId }, timeoutSeconds = 60 });
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{connected}/accept")).StatusCode);
        using var admin = Admin();

        var ringingIds = await ListAllAsync(admin, "/admin/invitations?status=ringing&limit=1");
        var connectedIds = await ListAllAsync(admin, "/admin/invitations?status=connected");

        Assert.Contains(ringing, ringingIds);
        Assert.DoesNotContain(connected, ringingIds);
        Assert.Contains(connected, connectedIds);
        Assert.DoesNotContain(ringing, connectedIds);
        var one = await admin.GetFromJsonAsync<JsonElement>($"/admin/invitations/{connected}");
        Assert.Equal("connected", one.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/invitations/no-such-invitation")).StatusCode);
        using var badStatus = await admin.GetAsync("/admin/invitations?status=sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("InvalidArgument", (await UserClient.ReadAsync(badStatus)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task EndRingingInvitation_EveryoneGetsTheirSurfacesCancel()
    {
        using var alice = _gateway.TencentUser(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceListener = await alice.OpenListenerAsync();
        await using var bobStream = await bob.OpenStreamAsync();
        var id = await alice.InviteAsync(new { invitee = bob.UserId, data = "call", timeout = 60 });
        await bobStream.WaitForAsync("invitationReceived");

        using var ended = await Admin().PostAsync($"/admin/invitations/{id}/end", null);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", (await UserClient.ReadAsync(ended)).GetProperty("status").GetString());
        Assert.Equal(id, (await bobStream.WaitForAsync("invitationCancelled")).InvitationId);
        Assert.Equal(id, (await aliceListener.WaitForAsync("onInvitationCancelled")).Data.GetProperty("inviteID").GetString());
        using var again = await Admin().PostAsync($"/admin/invitations/{id}/end", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("CallEnded", (await UserClient.ReadAsync(again)).GetProperty("code").GetString());
        Assert.Contains($"ended invitation {id}", _gateway.Output);
        Assert.Contains("Admin key-", _gateway.Output);
    }

    [Fact]
    public async Task EndConnectedCall_BothSidesGetCallEnded()
    {
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        await using var aliceStream = await alice.OpenStreamAsync();
        await using var bobStream = await bob.OpenStreamAsync();
        var id = await alice.InviteAsync(new { invitees = new[] { bob.UserId } });
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/invitations/{id}/accept")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin().PostAsync($"/admin/invitations/{id}/end", null)).StatusCode);

        Assert.Equal(id, (await aliceStream.WaitForAsync("callEnded")).InvitationId);
        Assert.Equal(id, (await bobStream.WaitForAsync("callEnded")).InvitationId);
        Assert.DoesNotContain(id, await ListAllAsync(Admin(), "/admin/invitations"));
    }

    [Fact]
    public async Task OnlineUsers_ShowStreamsBySurface_AndARemovedStreamIsToldAndGone()
    {
        using var carol = _gateway.User(GatewayFixture.Unique("carol"), "laptop");
        await using var stream = await carol.OpenStreamAsync();
        using var admin = Admin();

        var user = await FindOnlineAsync(admin, carol.UserId, "v1");
        var streamInfo = user.GetProperty("streams")[0];
        Assert.Equal("v1", streamInfo.GetProperty("surface").GetString());
        Assert.Equal("sse", streamInfo.GetProperty("transport").GetString());
        Assert.Equal("laptop", streamInfo.GetProperty("deviceId").GetString());
        Assert.Null(await FindOnlineOrNullAsync(admin, carol.UserId, "tencent"));

        using var removed = await admin.DeleteAsync($"/admin/streams/{streamInfo.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("removed by an operator", (await stream.WaitForAsync("removed")).Data.GetProperty("reason").GetString());
        Assert.Null(await FindOnlineOrNullAsync(admin, carol.UserId, null));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/admin/streams/{streamInfo.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    [Trait("VendorFact", "fidelity-audit Agora: a kicked session gets onLogout with ecode 103")]
    public async Task KickSession_TheAgoraDeviceGetsOnLogout103()
    {
        using var dave = _gateway.AgoraUser(GatewayFixture.Unique("dave"), "web");
        Assert.Equal(0, (await dave.LoginAsync()).Ecode);
        await using var events = await dave.OpenEventsAsync();
        using var admin = Admin();
        var user = await FindOnlineAsync(admin, dave.Account, "agora");
        var session = user.GetProperty("sessions")[0];
        Assert.Equal(dave.Session, session.GetProperty("id").GetString());

        using var kicked = await admin.DeleteAsync($"/admin/users/{dave.Account}/sessions/{dave.Session}");

        Assert.Equal(HttpStatusCode.NoContent, kicked.StatusCode);
        Assert.Equal(103, (await events.WaitForAsync("onLogout")).Data.GetProperty("ecode").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/admin/users/{dave.Account}/sessions/{dave.Session}")).StatusCode);
    }

    [Fact]
    public async Task Channels_ListAndClose_MembersAreTold()
    {
        using var erin = _gateway.User(GatewayFixture.Unique("erin"));
        await using var erinStream = await erin.OpenStreamAsync();
        using var created = await erin.PostAsync("/v1/channels", new { name = GatewayFixture.Unique("room") });
        var channel = (await UserClient.ReadAsync(created)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await erin.PostAsync($"/v1/channels/{channel}/join")).StatusCode);
        using var admin = Admin();
        Assert.Contains(channel, await ListAllAsync(admin, "/admin/channels?limit=2"));

        using var closed = await admin.PostAsync($"/admin/channels/{channel}/close", null);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.True((await UserClient.ReadAsync(closed)).GetProperty("closed").GetBoolean());
        await erinStream.WaitForAsync("channelClosed");
        Assert.DoesNotContain(channel, await ListAllAsync(admin, "/admin/channels"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/channels/no-such-channel/close", null)).StatusCode);
    }

    [Fact]
    public async Task EmptyKey_TheWholeAdminApiIs404()
    {
        await using var gateway = new GatewayProcess(settings: new Dictionary<string, string> { ["Admin__ApiKey"] = "" }, checkConformance: false);
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "");

        foreach (var path in new[] { "/admin/invitations", "/admin/users", "/admin/channels" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
        }

        // Swagger UI lists the documents in its configuration script; the admin one only when the API is on.
        Assert.DoesNotContain("/openapi/admin.json", await http.GetStringAsync("/swagger/index.js"));
        Assert.Contains("/openapi/v1.json", await http.GetStringAsync("/swagger/index.js"));
    }

    [Fact]
    public async Task SwaggerUi_ListsTheAdminDocument_WhenTheApiIsOn()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        Assert.Contains("/openapi/admin.json", await http.GetStringAsync("/swagger/index.js"));
    }

    private HttpClient Admin()
    {
        var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Admin-Key", GatewayProcess.AdminKey);
        return http;
    }

    /// <summary>Every id over all pages, following <c>next</c>.</summary>
    private static async Task<List<string>> ListAllAsync(HttpClient admin, string path)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(cursor is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("next", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private static async Task<JsonElement> FindOnlineAsync(HttpClient admin, string userId, string surface) =>
        await FindOnlineOrNullAsync(admin, userId, surface) ?? throw new Xunit.Sdk.XunitException($"{userId} is not listed online on {surface}");

    private static async Task<JsonElement?> FindOnlineOrNullAsync(HttpClient admin, string userId, string? surface)
    {
        string? cursor = null;
        do
        {
            var query = $"/admin/users?limit=100{(surface is null ? "" : "&surface=" + surface)}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
            var page = await admin.GetFromJsonAsync<JsonElement>(query);
            foreach (var user in page.GetProperty("items").EnumerateArray())
            {
                if (user.GetProperty("userId").GetString() == userId)
                {
                    return user;
                }
            }

            cursor = page.TryGetProperty("next", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        return null;
    }
}
