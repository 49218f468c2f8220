using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Signaling.Http.Problems;

public static class SurfaceStatusCodePages
{
    /// <summary>
    /// Status-code pages for responses the framework ends without a body: a body over the size limit is refused in
    /// the shape of the surface it was sent to; anything else (an unknown route) gets a plain ProblemDetails.
    /// </summary>
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await BadRequestExceptionHandler.Refuse(http, BadRequestExceptionHandler.TooLarge).ExecuteAsync(http);
            return;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http });
    }
}
