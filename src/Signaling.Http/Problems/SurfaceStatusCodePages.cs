using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Signaling.Http.Canonical;
using Signaling.Http.Validation;

namespace Signaling.Http.Problems;

public static class SurfaceStatusCodePages
{
    /// <summary>
    /// Status-code pages for responses the framework ends without a body, in the shape of the surface the path belongs
    /// to (ProblemDetails outside every surface), whatever the Accept header asks for: a body over the size limit, an
    /// unknown route, a method or content type no endpoint takes.
    /// </summary>
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var result = status == StatusCodes.Status413PayloadTooLarge
            ? BadRequestExceptionHandler.Refuse(http, BadRequestExceptionHandler.TooLarge)
            : WriterFor(http).Unroutable(status, Describe(http.Request, status));
        await result.ExecuteAsync(http);
    }

    /// <summary>The writer of the endpoint that was reached, else of the surface whose path this is, else the canonical one.</summary>
    public static IProblemWriter WriterFor(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata.GetMetadata<IProblemWriter>()
        ?? http.RequestServices.GetRequiredService<SurfaceProblemWriters>().For(http.Request.Path)
        ?? CanonicalProblemWriter.Instance;

    private static string Describe(HttpRequest request, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"No such route: {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}.",
        StatusCodes.Status415UnsupportedMediaType => $"{request.Path} does not read a {request.ContentType ?? "missing"} body.",
        _ => $"The request was refused ({status}).",
    };
}
