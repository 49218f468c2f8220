using Signaling.Adapters.Tencent.Auth;

namespace Signaling.Adapters.Tencent.Tests;

/// <summary>TLSSigAPIv2 UserSig, reference A.10 (tencentyun/tls-sig-api-v2 inputs and the computed vector).</summary>
public sealed class UserSigTests
{
    private const long AppId = 1400000000;
    private const string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static readonly DateTimeOffset Issued = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    [Trait("VendorFact", "A.10 computed vector: TLS.sig for xiaojun at time 1700000000, expire 15552000")]
    public void Signature_MatchesThePublishedVector() =>
        Assert.Equal("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=", TencentUserSig.Signature(Key, "xiaojun", AppId, 1700000000, 15552000));

    [Fact]
    [Trait("VendorFact", "A.10 computed vector: the UserSig made by the public algorithm (C# key order, zlib level 6) verifies")]
    public void Verify_AcceptsAUserSigFromThePublicAlgorithm()
    {
        const string published = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMikVhRkFqUCxU1NTY3goiWZuSAxc1S1xZnpQJN9yhzNU-Q9y83Tg4vzirPLwqqcXAL8nZ1dkkr9nMtN3D3KQ5wNkjILtJ1MbJVqAa3HMfI_";

        Assert.Equal(0, TencentUserSig.Verify(published, AppId, Key, "xiaojun", Issued.AddDays(1)).Code);
    }

    [Fact]
    public void CreateThenVerify_RoundTrips() =>
        Assert.Equal(0, TencentUserSig.Verify(TencentUserSig.Create(AppId, Key, "alice", 1700000000, 86400), AppId, Key, "alice", Issued.AddHours(1)).Code);

    [Fact]
    [Trait("VendorFact", "A.10 step 6 and A.8: expired → 70001")]
    public void Verify_Expired_Is70001() =>
        Assert.Equal(70001, TencentUserSig.Verify(TencentUserSig.Create(AppId, Key, "alice", 1700000000, 60), AppId, Key, "alice", Issued.AddSeconds(61)).Code);

    [Fact]
    [Trait("VendorFact", "A.10 step 6: identifier mismatch → 70013")]
    public void Verify_OtherIdentifier_Is70013() =>
        Assert.Equal(70013, TencentUserSig.Verify(TencentUserSig.Create(AppId, Key, "alice", 1700000000, 86400), AppId, Key, "mallory", Issued).Code);

    [Fact]
    [Trait("VendorFact", "A.10 step 6: sdkappid mismatch → 70014")]
    public void Verify_OtherApp_Is70014() =>
        Assert.Equal(70014, TencentUserSig.Verify(TencentUserSig.Create(1400000001, Key, "alice", 1700000000, 86400), AppId, Key, "alice", Issued).Code);

    [Fact]
    [Trait("VendorFact", "A.10 step 6: wrong key → signature check fails, 70003")]
    public void Verify_OtherKey_Is70003() =>
        Assert.Equal(70003, TencentUserSig.Verify(TencentUserSig.Create(AppId, "another key", "alice", 1700000000, 86400), AppId, Key, "alice", Issued).Code);

    [Fact]
    public void Verify_EveryOneCharacterChange_IsRefused()
    {
        var userSig = TencentUserSig.Create(AppId, Key, "alice", 1700000000, 86400);
        for (var i = 0; i < userSig.Length; i++)
        {
            var altered = userSig[..i] + (userSig[i] == 'A' ? 'B' : 'A') + userSig[(i + 1)..];
            Assert.NotEqual(0, TencentUserSig.Verify(altered, AppId, Key, "alice", Issued).Code);
        }
    }

    [Fact]
    public void Verify_Empty_Is70002() => Assert.Equal(70002, TencentUserSig.Verify("", AppId, Key, "alice", Issued).Code);
}
