using Microsoft.AspNetCore.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Signaling.Gateway;

/// <summary>
/// Forwards the routes configured in the <c>ReverseProxy</c> section (YARP's schema) to a legacy upstream, so a
/// migrating app can point all of its traffic at the gateway on day one. Gateway routes always win: proxied routes
/// are matched only after every gateway endpoint. An upstream that cannot be reached answers 502 as ProblemDetails.
/// </summary>
internal static class LegacyPassthrough
{
    public static void AddLegacyPassthrough(this IServiceCollection services, IConfiguration configuration) =>
        services.AddReverseProxy().LoadFromConfig(configuration.GetSection("ReverseProxy"));

    public static void MapLegacyPassthrough(this WebApplication app) =>
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
            {
                await next();
                if (context.GetForwarderErrorFeature() is { } failure && !context.Response.HasStarted)
                {
                    await Results.Problem(
                        title: "The legacy upstream could not be reached.",
                        detail: $"Forwarding {context.Request.Method} {context.Request.Path} failed ({failure.Error}).",
                        statusCode: StatusCodes.Status502BadGateway,
                        extensions: new Dictionary<string, object?> { ["code"] = "UpstreamUnavailable" }).ExecuteAsync(context);
                }
            }))
            .ConfigureEndpoints((endpoint, _) => endpoint.Add(built =>
            {
                if (built is RouteEndpointBuilder route)
                {
                    route.Order = int.MaxValue; // After every gateway endpoint, whatever the proxied path.
                }
            }));
}
