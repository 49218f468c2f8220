using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Agora;

/// <summary>Refused requests answer HTTP 400 with 1004 (wrong parameter) or 1005 (parameter too large), naming the field.</summary>
public sealed class AgoraProblemWriter : IProblemWriter
{
    public IResult Invalid(IDictionary<string, string[]> fieldErrors, SignalingErrorCode code) =>
        AgoraEnvelope.Fail(AgoraErrorMap.For(code), string.Join(" ", fieldErrors.SelectMany(e => e.Value)), StatusCodes.Status400BadRequest);

    public IResult Unroutable(int status, string message) => AgoraEnvelope.Fail(AgoraErrorMap.WrongParam, message, status);

    public IResult Unauthenticated(string message) => AgoraEnvelope.Fail(AgoraErrorMap.NotLoggedIn, message, StatusCodes.Status401Unauthorized);
}
