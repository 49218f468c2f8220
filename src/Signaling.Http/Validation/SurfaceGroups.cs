using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Signaling.Http.Validation;

public static class SurfaceGroups
{
    /// <summary>
    /// A surface's route group: its endpoints carry <paramref name="problems"/> as metadata, and every other request under
    /// <paramref name="prefix"/> (unknown route, wrong method or content type) is refused through it too.
    /// </summary>
    public static RouteGroupBuilder MapSurfaceGroup(this IEndpointRouteBuilder endpoints, string prefix, IProblemWriter problems)
    {
        endpoints.ServiceProvider.GetRequiredService<SurfaceProblemWriters>().Add(new PathString(prefix), problems);
        return endpoints.MapGroup(prefix).WithMetadata(problems);
    }
}
