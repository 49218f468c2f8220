using System.Net;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.OpenIM;

/// <summary>With Adapters:OpenIM:ErrorCodes = v2, refusals read as a v2 app observes them (issue #12, audit O-2).</summary>
public sealed class OpenIMV2CodesTests : IAsyncLifetime
{
    private readonly GatewayProcess _gateway = new(settings: new Dictionary<string, string> { ["Adapters__OpenIM__ErrorCodes"] = "v2" });

    public Task InitializeAsync() => _gateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    [Trait("VendorFact", "audit O-2: the v2 SDK reports any server refusal as 3003 with \"code:msg\" (OC ws.go WaitResp, signaling.go handleSignaling)")]
    public async Task SignalingRefusal_Is3003_WithTheServersCodeAndReason()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));

        var (status, code, _) = await u1.AnswerAsync("signalingAccept", "no-such-room");
        var raw = await u1.CallRawAsync("signalingAccept", """{"opUserID":"someone-else","invitation":{"roomID":"r"}}""");

        Assert.Equal((HttpStatusCode.OK, 3003), (status, code));
        Assert.Equal(3003, raw.Code);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/openim/signalingAccept")
        {
            Content = new StringContent("""{"invitation":{"roomID":"no-such-room"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("token", u1.Token);
        var envelope = System.Text.Json.JsonDocument.Parse(await (await u1.Http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("803:", envelope.GetProperty("errMsg").GetString(), StringComparison.Ordinal); // B.7 v2: 803 not found
    }

    [Fact]
    [Trait("VendorFact", "audit O-2: the v2 server's /third/get_rtc_invitation_* answer a bad token with errCode 500 (OS rtc.go)")]
    public async Task ThirdPartyRoute_BadToken_IsErrCode500_ButNeverAnHttp5xx()
    {
        using var u1 = _gateway.OpenIMUser(GatewayFixture.Unique("u1"));
        u1.Token = "not-a-token";

        var (status, code, _) = await u1.CallAsync("third/get_rtc_invitation_start_app", new { });

        Assert.Equal((HttpStatusCode.Unauthorized, 500), (status, code));
    }
}
