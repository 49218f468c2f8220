using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Tencent;

/// <summary>Refused requests (invalid fields, malformed JSON, oversized bodies) answer 400 in Tencent's envelope: 6017, or 8001 for size.</summary>
public sealed class TencentProblemWriter : IProblemWriter
{
    public static TencentProblemWriter Instance { get; } = new();

    public IResult Invalid(IDictionary<string, string[]> errors, SignalingErrorCode code) =>
        TencentEnvelope.Fail(
            code == SignalingErrorCode.PayloadTooLarge ? TencentErrorMap.BodyTooLarge : TencentErrorMap.InvalidParameters,
            string.Join(" ", errors.SelectMany(e => e.Value)),
            StatusCodes.Status400BadRequest);

    public IResult Unroutable(int status, string message) => TencentEnvelope.Fail(TencentErrorMap.InvalidParameters, message, status);

    /// <summary>70002: no UserSig (reference A.4); a UserSig that is there but refused answers its own 7000x code.</summary>
    public IResult Unauthenticated(string message) => TencentEnvelope.Fail(TencentErrorMap.UserSigMissing, message, StatusCodes.Status401Unauthorized);
}
