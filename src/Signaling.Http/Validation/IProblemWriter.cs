using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;

namespace Signaling.Http.Validation;

/// <summary>
/// How a surface answers a request it refuses before its handler runs (invalid fields, malformed JSON, a body
/// over the size limit): ProblemDetails on the canonical API, the vendor's envelope and code on a vendor surface.
/// Each surface maps its endpoints with <see cref="SurfaceGroups.MapSurfaceGroup"/>, which puts its writer on
/// the group as endpoint metadata and registers it for the group's path.
/// </summary>
public interface IProblemWriter
{
    IResult Invalid(IDictionary<string, string[]> errors, SignalingErrorCode code);

    /// <summary>
    /// A request no endpoint of the surface takes: no such route (404) or method (405), or a body type it does not
    /// read (415). The HTTP status says which; vendor surfaces answer with their bad-parameter code.
    /// </summary>
    IResult Unroutable(int status, string message);

    /// <summary>A request without a usable credential: HTTP 401 with the surface's code for a missing or refused login.</summary>
    IResult Unauthenticated(string message);
}
