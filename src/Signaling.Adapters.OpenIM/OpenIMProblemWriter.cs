using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Adapters.OpenIM;

/// <summary>Refused requests answer 400 in OpenIM's envelope with its argument error (v3 1001, v2 803).</summary>
public sealed class OpenIMProblemWriter(OpenIMErrorMap errors) : IProblemWriter
{
    public IResult Invalid(IDictionary<string, string[]> fieldErrors, SignalingErrorCode code) =>
        OpenIMEnvelope.Fail(errors.For(code), string.Join(" ", fieldErrors.SelectMany(e => e.Value)), StatusCodes.Status400BadRequest);

    public IResult Unroutable(int status, string message) => OpenIMEnvelope.Fail(errors.For(SignalingErrorCode.InvalidArgument), message, status);

    public IResult Unauthenticated(string message) =>
        OpenIMEnvelope.Fail(errors.ForToken(Auth.JwtFailure.Missing, thirdPartyRoute: false), message, StatusCodes.Status401Unauthorized);
}
