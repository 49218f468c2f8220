using Signaling.Adapters.Agora.Requests;
using Signaling.Core.Errors;

namespace Signaling.Adapters.Agora.Tests;

public sealed class AgoraErrorMapTests
{
    [Fact]
    public void EveryCanonicalError_HasAnEcode() =>
        Assert.Equal(Enum.GetValues<SignalingErrorCode>().Order(), AgoraErrorMap.Mapped.Order());

    [Theory]
    [Trait("VendorFact", "B.5 ecodes")]
    [InlineData(SignalingErrorCode.InvalidArgument, 1004)]
    [InlineData(SignalingErrorCode.PayloadTooLarge, 1005)]
    [InlineData(SignalingErrorCode.Unauthenticated, 1003)]
    [InlineData(SignalingErrorCode.PeerOffline, 703)]
    [InlineData(SignalingErrorCode.Expired, 704)]
    [InlineData(SignalingErrorCode.RateLimited, 400)]
    public void Codes(SignalingErrorCode code, int ecode) => Assert.Equal(ecode, AgoraErrorMap.For(code));

    [Theory]
    [Trait("VendorFact", "B.3 extra keys: _require_peer_online 0/1, _timeout 0–30 s")]
    [InlineData(null, false, 0)]
    [InlineData("{}", false, 0)]
    [InlineData("{\"_require_peer_online\":1,\"_timeout\":30}", true, 30)]
    [InlineData("{\"_timeout\":\"5\",\"app\":\"x\"}", false, 5)]
    public void InviteExtra_ReadsTheServerKeys(string? extra, bool online, int timeout) =>
        Assert.Equal(new InviteExtra(online, timeout), InviteExtra.Parse(extra).Extra);

    [Theory]
    [InlineData("{\"_timeout\":31}")]
    [InlineData("{\"_require_peer_online\":2}")]
    [InlineData("[1]")]
    [InlineData("{not json")]
    public void InviteExtra_OutOfRange_IsAnError(string extra) => Assert.NotNull(InviteExtra.Parse(extra).Error);
}
