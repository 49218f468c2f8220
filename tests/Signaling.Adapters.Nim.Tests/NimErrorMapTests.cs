using Signaling.Core.Errors;

namespace Signaling.Adapters.Nim.Tests;

public sealed class NimErrorMapTests
{
    [Fact]
    public void EveryCanonicalError_HasANimCode() =>
        Assert.Equal(Enum.GetValues<SignalingErrorCode>().Order(), NimErrorMap.Mapped.Order());

    [Theory]
    [Trait("VendorFact", "A.5 result codes")]
    [InlineData(SignalingErrorCode.ChannelNotFound, 10404)]
    [InlineData(SignalingErrorCode.ChannelExists, 10405)]
    [InlineData(SignalingErrorCode.NotInChannel, 10406)]
    [InlineData(SignalingErrorCode.AlreadyInChannel, 10407)]
    [InlineData(SignalingErrorCode.InvitationNotFound, 10408)]
    [InlineData(SignalingErrorCode.Expired, 10408)]
    [InlineData(SignalingErrorCode.AlreadyRejected, 10409)]
    [InlineData(SignalingErrorCode.AlreadyAccepted, 10410)]
    [InlineData(SignalingErrorCode.UidConflict, 10417)]
    [InlineData(SignalingErrorCode.ChannelFull, 10419)]
    [InlineData(SignalingErrorCode.AlreadyInChannelOnOtherDevice, 10420)]
    [InlineData(SignalingErrorCode.InvalidArgument, 414)]
    public void Codes(SignalingErrorCode code, int nim) => Assert.Equal(nim, NimErrorMap.For(code));
}
