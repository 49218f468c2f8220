using Signaling.Adapters.Agora.Auth;

namespace Signaling.Adapters.Agora.Tests;

public sealed class SignalingTokenTests
{
    private const string AppId = "970ca35de60c44645bbae8a215061b33";
    private const string Certificate = "5cfd2fd1755d40ecb72977518be15d3b";
    private const string Vector = "1:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774";
    private static readonly DateTimeOffset BeforeExpiry = DateTimeOffset.FromUnixTimeSeconds(1446455471 - 60);

    [Fact]
    [Trait("VendorFact", "B.2 published vector: TestAccount, ts 1446455471")]
    public void Create_ReproducesThePublishedVector() =>
        Assert.Equal(Vector, SignalingToken.Create("TestAccount", AppId, Certificate, 1446455471));

    [Fact]
    [Trait("VendorFact", "B.2 the vector verifies for its appId and certificate before its expiry")]
    public void Vector_Verifies() => Assert.Equal(SignalingToken.Ok, SignalingToken.Verify(Vector, "TestAccount", AppId, Certificate, BeforeExpiry));

    [Theory]
    [Trait("VendorFact", "B.2 gateway rule: bad md5 or wrong appId → 206; expiredTs < now → 204")]
    [InlineData("1:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798775", "TestAccount", 206)]
    [InlineData("1:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774", "OtherAccount", 206)]
    [InlineData("1:000ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774", "TestAccount", 206)]
    [InlineData("2:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774", "TestAccount", 206)]
    [InlineData("garbage", "TestAccount", 206)]
    public void WrongTokens_Get206(string token, string account, int expected) =>
        Assert.Equal(expected, SignalingToken.Verify(token, account, AppId, Certificate, BeforeExpiry));

    [Fact]
    public void AfterItsExpiry_TheVectorGets204() =>
        Assert.Equal(SignalingToken.Expired, SignalingToken.Verify(Vector, "TestAccount", AppId, Certificate, DateTimeOffset.FromUnixTimeSeconds(1446455472)));

    [Fact]
    [Trait("VendorFact", "B.2 without a certificate tokens are not checked (test mode)")]
    public void WithoutACertificate_AnythingPasses() => Assert.Equal(SignalingToken.Ok, SignalingToken.Verify("_no_need_token", "a", AppId, "", BeforeExpiry));
}
