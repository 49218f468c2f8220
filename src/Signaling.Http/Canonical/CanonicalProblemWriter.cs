using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical;

/// <summary>The canonical API refuses bad requests with RFC 9457 ProblemDetails.</summary>
public sealed class CanonicalProblemWriter : IProblemWriter
{
    public static CanonicalProblemWriter Instance { get; } = new();

    public IResult Invalid(IDictionary<string, string[]> errors, SignalingErrorCode code) => Problems.Problems.Validation(errors, code);

    public IResult Unroutable(int status, string message) => Problems.Problems.Unroutable(status, message);

    public IResult Unauthenticated(string message) => Problems.Problems.From(new SignalingError(SignalingErrorCode.Unauthenticated, message));
}
