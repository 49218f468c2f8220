using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Signaling.Adapters.OpenIM.Auth;
using Signaling.Adapters.Tencent.Auth;
using Signaling.Gateway.Tests.Infrastructure;
using Signaling.Http.Identity;

namespace Signaling.Gateway.Tests;

/// <summary>Issue #11 items 5–8: credential rules, bounded work before authentication, no development keys in Production.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SecurityTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    public static TheoryData<string, object> BadSubjects => new()
    {
        { "empty", "" },
        { "a space", "a b" },
        { "300 characters", new string('s', 300) },
        { "a number", 42 },
    };

    [Theory]
    [MemberData(nameof(BadSubjects))]
    public async Task CanonicalToken_WellSignedButSubjectBreaksIdRules_Is401_AndNothingIsStored(string why, object subject)
    {
        using var bob = _gateway.User(GatewayFixture.Unique("bob"));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new AuthOptions().Issuer,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(TokenIssuer.SigningKey(new AuthOptions { SigningKey = GatewayProcess.SigningKey }), SecurityAlgorithms.HmacSha256),
        });
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await http.PostAsync("/v1/invitations", new StringContent($$"""{"invitees":["{{bob.UserId}}"]}""", Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
        var problem = await UserClient.ReadAsync(response);
        Assert.Equal("Unauthenticated", problem.GetProperty("code").GetString());
        Assert.Contains("sub", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await bob.ReadLogAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("300")]
    public async Task OpenIMToken_UserIdBreaksIdRules_Is401With1503(string userId)
    {
        userId = userId == "300" ? new string('u', 300) : userId;
        using var client = _gateway.OpenIMUser("probe");
        client.Token = Hs256Jwt.Create(new JsonObject
        {
            ["UserID"] = userId, ["PlatformID"] = 5, ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        }, GatewayProcess.OpenIMSecret);

        var (status, code, _) = await client.CallAsync("signalingGetRoomByGroupID", new { groupID = "g1" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1503, code); // reference B.6: 1503 TokenMalformedError
    }

    [Fact]
    public async Task OpenIMToken_WithoutExp_Is401()
    {
        using var client = _gateway.OpenIMUser("probe");
        client.Token = Hs256Jwt.Create(new JsonObject { ["UserID"] = "probe", ["PlatformID"] = 5 }, GatewayProcess.OpenIMSecret);

        var (status, code, _) = await client.CallAsync("signalingGetRoomByGroupID", new { groupID = "g1" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1503, code);
    }

    [Fact]
    public async Task TencentIdentifier_BreakingIdRules_Is401With70013()
    {
        using var client = _gateway.TencentUser("a b");

        var (status, code, _) = await client.CallAsync("messages", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(70013, code); // reference A.10: identifier problems
    }

    /// <summary>A 27 KB UserSig that inflates to 20 MB, eight at once, unauthenticated: refused cheaply.</summary>
    [Fact]
    public async Task CompressedUserSigBombs_AreRefusedWithoutInflating()
    {
        var bomb = ZipBomb(20 * 1024 * 1024);
        Assert.InRange(bomb.Length, 20_000, 40_000);
        var small = ZipBomb(1024 * 1024); // within the length cap, still inflates far past a real UserSig's claims
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        var before = _gateway.ResidentBytes();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/tencent/signaling/messages") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Tencent-SdkAppId", GatewayProcess.TencentAppId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Tencent-Identifier", "mallory");
            request.Headers.Add("X-Tencent-UserSig", i % 2 == 0 ? bomb : small);
            return http.SendAsync(request);
        }));
        var ready = Stopwatch.StartNew();
        var readyz = await http.GetAsync("/readyz");
        ready.Stop();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.True(ready.ElapsedMilliseconds < 50, $"/readyz took {ready.ElapsedMilliseconds} ms");
        Assert.True(_gateway.ResidentBytes() - before < 50L * 1024 * 1024, "RSS grew by 50 MB or more");
    }

    [Fact]
    public async Task Production_WithADevelopmentKey_RefusesToStart_NamingTheSetting()
    {
        await using var gateway = new GatewayProcess("Production", new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = "development-only-signing-key-change-me-0123456789",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(gateway.StartAsync);

        Assert.Contains("exited with 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Auth__SigningKey", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_WithTheDevelopmentKeys_Starts()
    {
        await using var gateway = new GatewayProcess("Development", new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = "development-only-signing-key-change-me-0123456789",
        });

        await gateway.StartAsync();
    }

    /// <summary>A UserSig-shaped string (Tencent's base64 alphabet) whose zlib payload inflates to <paramref name="size"/> bytes.</summary>
    private static string ZipBomb(int size)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.SmallestSize))
        {
            zlib.Write(new byte[size]);
        }

        return Convert.ToBase64String(packed.ToArray()).Replace('+', '*').Replace('/', '-').Replace('=', '_');
    }
}
