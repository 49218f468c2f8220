using Signaling.Adapters.OpenIM.Auth;
using Signaling.Core.Errors;

namespace Signaling.Adapters.OpenIM.Tests;

public sealed class OpenIMErrorMapTests
{
    [Fact]
    public void EveryCanonicalError_HasBothGenerationsOfCode() =>
        Assert.All(Enum.GetValues<SignalingErrorCode>(), code => Assert.Contains(code, OpenIMErrorMap.Mapped));

    [Theory]
    [Trait("VendorFact", "B.7 v3: 1001 ArgsError, 1002 NoPermission, 1004 RecordNotFound; v2: 803 args, 801 no permission, 804 status abnormal")]
    [InlineData(SignalingErrorCode.InvalidArgument, 1001, 803)]
    [InlineData(SignalingErrorCode.PermissionDenied, 1002, 801)]
    [InlineData(SignalingErrorCode.InvitationNotFound, 1004, 803)]
    [InlineData(SignalingErrorCode.AlreadyAccepted, 1004, 804)]
    public void For_MapsBothGenerations(SignalingErrorCode code, int v3, int v2)
    {
        Assert.Equal(v3, new OpenIMErrorMap(v2: false).For(code));
        Assert.Equal(v2, new OpenIMErrorMap(v2: true).For(code));
    }

    [Theory]
    [Trait("VendorFact", "B.7 token codes: v3 1501 expired … 1505 unknown; v2 701 … 705")]
    [InlineData(JwtFailure.Expired, 1501, 701)]
    [InlineData(JwtFailure.Invalid, 1502, 702)]
    [InlineData(JwtFailure.Malformed, 1503, 703)]
    [InlineData(JwtFailure.NotYetValid, 1504, 704)]
    [InlineData(JwtFailure.Missing, 1505, 705)]
    public void For_MapsTokenFailures(JwtFailure failure, int v3, int v2)
    {
        Assert.Equal(v3, new OpenIMErrorMap(v2: false).For(failure));
        Assert.Equal(v2, new OpenIMErrorMap(v2: true).For(failure));
    }
}
