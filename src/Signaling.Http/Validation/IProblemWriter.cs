using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;

namespace Signaling.Http.Validation;

/// <summary>
/// How a surface answers a request it refuses before its handler runs (invalid fields, malformed JSON, a body
/// over the size limit): ProblemDetails on the canonical API, the vendor's envelope and code on a vendor surface.
/// Each surface puts its writer on its route group as endpoint metadata.
/// </summary>
public interface IProblemWriter
{
    IResult Invalid(IDictionary<string, string[]> errors, SignalingErrorCode code);
}
