using System.Text;
using System.Text.Json;
using Signaling.Adapters.Nim.Auth;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests.Nim;

/// <summary>Issue #12 must-change 5 (audit N-1): with Adapters:Nim:Nertc set, joins hand back the NERTC token NetEase's call kit joins the media room with.</summary>
public sealed class NertcTokenTests : IAsyncLifetime
{
    private const string RtcSecret = "e2e-nertc-secret";

    private readonly GatewayProcess _gateway = new(settings: new Dictionary<string, string>
    {
        ["Adapters__Nim__Nertc__AppSecret"] = RtcSecret,
        ["Adapters__Nim__Nertc__TokenTtl"] = "00:30:00",
    });

    public Task InitializeAsync() => _gateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    [Trait("VendorFact", "audit N-1: the call kit stores value.nertcToken from signalingCallEx / signalingJoinAndAccept and joins NERTC with it (N9 call-kit)")]
    public async Task CallExAndJoinAndAccept_ReturnATokenForTheJoinersUid()
    {
        using var acc1 = _gateway.NimUser(GatewayFixture.Unique("acc1"));
        using var acc2 = _gateway.NimUser(GatewayFixture.Unique("acc2"));
        await using var acc2Events = await acc2.OpenEventsAsync();

        var call = await acc1.OkAsync("signalingCallEx", new { type = 2, account = acc2.Accid, uid = 7001, requestId = "r1", nertcTokenTtl = 600 }, allowOffline: true);
        var invite = (await acc2Events.WaitForAsync("signalingNotify")).Data;
        var answer = await acc2.OkAsync("signalingJoinAndAccept",
            new { channelId = invite.GetProperty("channelId").GetString(), account = acc1.Accid, requestId = "r1", uid = 7002, nertcChannelName = "media-room" });

        AssertToken(call, call.GetProperty("channelName").GetString()!, 7001, 600);
        AssertToken(answer, "media-room", 7002, 1800);
    }

    private static void AssertToken(JsonElement channel, string channelName, long uid, long ttl)
    {
        Assert.Equal(ttl, channel.GetProperty("nertcTokenTtl").GetInt64());
        var token = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(channel.GetProperty("nertcToken").GetString()!))).RootElement;
        var curTime = DateTimeOffset.FromUnixTimeMilliseconds(token.GetProperty("curTime").GetInt64());
        Assert.Equal(ttl, token.GetProperty("ttl").GetInt64());
        Assert.Equal(
            NertcTokens.Create(GatewayProcess.NimAppKey, RtcSecret, channelName, uid, ttl, curTime),
            channel.GetProperty("nertcToken").GetString());
    }
}
