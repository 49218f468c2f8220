using Signaling.Core.Errors;

namespace Signaling.Adapters.Tencent.Tests;

public sealed class TencentErrorMapTests
{
    [Fact]
    public void EveryCanonicalError_HasATencentCode() =>
        Assert.All(Enum.GetValues<SignalingErrorCode>(), code => Assert.True(TencentErrorMap.Codes.ContainsKey(code), $"{code} has no Tencent code"));

    [Theory]
    [Trait("VendorFact", "A.8: 8010 unknown or already processed inviteID, accept/reject by a non-invitee; 8011 cancel by a non-inviter")]
    [InlineData(SignalingErrorCode.InvitationNotFound, false, 8010)]
    [InlineData(SignalingErrorCode.AlreadyAccepted, false, 8010)]
    [InlineData(SignalingErrorCode.AlreadyCancelled, false, 8010)]
    [InlineData(SignalingErrorCode.Expired, false, 8010)]
    [InlineData(SignalingErrorCode.PermissionDenied, false, 8010)]
    [InlineData(SignalingErrorCode.PermissionDenied, true, 8011)]
    [InlineData(SignalingErrorCode.InvalidArgument, false, 6017)]
    [InlineData(SignalingErrorCode.PayloadTooLarge, false, 8001)]
    public void For_MapsAsTheSdkDoes(SignalingErrorCode code, bool inviterOnly, int expected) =>
        Assert.Equal(expected, TencentErrorMap.For(new SignalingError(code, "x"), inviterOnly));
}
