using System.Text;
using Signaling.Adapters.Nim.Auth;

namespace Signaling.Adapters.Nim.Tests;

public sealed class NimTokenTests
{
    [Fact]
    [Trait("VendorFact", "A.7 CheckSum = lowercase hex sha1(AppSecret + Nonce + CurTime); vector AppSecret123 / nonce-abc / 1700000000")]
    public void CheckSum_MatchesTheVector() =>
        Assert.Equal("16f0b4df7d17809d1075fcb68dea7667f7fb8885", NimTokens.CheckSum("AppSecret123", "nonce-abc", "1700000000"));

    [Fact]
    [Trait("VendorFact", "A.7 dynamic token signature = sha1(appkey+accid+curTime+ttl+appsecret); vector appkey0001/alice/1614764611561/600")]
    public void DynamicSignature_MatchesTheVector() =>
        Assert.Equal("33f90baed36dfebb157837eeea9b888ad60ac7f9", NimTokens.Signature("appkey0001", "alice", 1614764611561, 600, "AppSecret123"));

    [Fact]
    [Trait("VendorFact", "A.7 a dynamic token is base64 JSON {signature, curTime, ttl}; verify by decoding, not by comparing bytes")]
    public void DynamicToken_FromAnotherEncoder_VerifiesWithinItsTtlOnly()
    {
        // Key order and spacing differ from ours, as another SDK's encoder might write them.
        var json = "{ \"ttl\": 600, \"curTime\": 1614764611561, \"signature\": \"33F90BAED36DFEBB157837EEEA9B888AD60AC7F9\" }";
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(1614764611561);

        Assert.True(NimTokens.VerifyDynamic(token, "appkey0001", "alice", "AppSecret123", issued.AddSeconds(599)));
        Assert.False(NimTokens.VerifyDynamic(token, "appkey0001", "alice", "AppSecret123", issued.AddSeconds(600)));
        Assert.False(NimTokens.VerifyDynamic(token, "appkey0001", "bob", "AppSecret123", issued));
        Assert.False(NimTokens.VerifyDynamic("not base64!", "appkey0001", "alice", "AppSecret123", issued));
    }

    [Fact]
    public void IssuedDynamicToken_RoundTrips()
    {
        var now = DateTimeOffset.UtcNow;
        var token = NimTokens.IssueDynamic("key", "acc1", "secret", now, TimeSpan.FromMinutes(10));
        Assert.True(NimTokens.VerifyDynamic(token, "key", "acc1", "secret", now.AddMinutes(9)));
        Assert.False(NimTokens.VerifyDynamic(token, "key", "acc1", "other-secret", now));
    }

    [Fact]
    public void StaticToken_IsKeptAsAHash_AndOnlyThatTokenMatches()
    {
        var stored = NimTokens.HashStatic("static-secret");
        Assert.DoesNotContain("static-secret", stored, StringComparison.Ordinal);
        Assert.True(NimTokens.VerifyStatic("static-secret", stored));
        Assert.False(NimTokens.VerifyStatic("static-secreT", stored));
        Assert.False(NimTokens.VerifyStatic("static-secret", null));
    }
}
