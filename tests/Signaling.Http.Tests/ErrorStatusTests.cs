using Signaling.Core.Errors;
using Signaling.Http.Problems;

namespace Signaling.Http.Tests;

public sealed class ErrorStatusTests
{
    public static TheoryData<SignalingErrorCode, int> Expected => new()
    {
        { SignalingErrorCode.InvalidArgument, 400 },
        { SignalingErrorCode.PayloadTooLarge, 413 },
        { SignalingErrorCode.Unauthenticated, 401 },
        { SignalingErrorCode.PermissionDenied, 403 },
        { SignalingErrorCode.InvitationNotFound, 404 },
        { SignalingErrorCode.ChannelNotFound, 404 },
        { SignalingErrorCode.AlreadyAccepted, 409 },
        { SignalingErrorCode.AlreadyRejected, 409 },
        { SignalingErrorCode.AlreadyCancelled, 409 },
        { SignalingErrorCode.Expired, 409 },
        { SignalingErrorCode.ChannelExists, 409 },
        { SignalingErrorCode.UidConflict, 409 },
        { SignalingErrorCode.RateLimited, 429 },
        { SignalingErrorCode.Unavailable, 503 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void For_MapsCanonicalErrorsToTheDocumentedStatus(SignalingErrorCode code, int status) => Assert.Equal(status, ErrorStatus.For(code));

    [Fact]
    public void For_EveryCanonicalErrorIsAClientOrAvailabilityError() =>
        Assert.All(Enum.GetValues<SignalingErrorCode>(), code => Assert.InRange(ErrorStatus.For(code), 400, 503));

    [Fact]
    public void Problems_NameTheFieldAndTheCode()
    {
        var problem = Problems.Problems.From(new SignalingError(SignalingErrorCode.PayloadTooLarge, "too big", "data"));

        Assert.Equal(413, problem.StatusCode);
        Assert.Equal("PayloadTooLarge", problem.ProblemDetails.Extensions["code"]);
        Assert.Equal(["too big"], ((IDictionary<string, string[]>)problem.ProblemDetails.Extensions["errors"]!)["data"]);
    }
}
