using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Signaling.Http;

/// <summary>
/// One API shape served by the gateway: the canonical API or a vendor adapter. The host adds each surface's
/// services, maps its endpoints, and publishes its OpenAPI document named <see cref="Name"/>.
/// Adding a vendor is one project implementing this and one line in the host.
/// </summary>
public interface ISignalingSurface
{
    /// <summary>Lowercase: the OpenAPI document name and the endpoints' group name (<c>v1</c>, <c>tencent</c>, …).</summary>
    string Name { get; }

    /// <summary>The OpenAPI document's title.</summary>
    string Title { get; }

    /// <summary>Whether the configuration turns the surface on (its endpoints, its entry in Swagger UI); most are always on.</summary>
    bool IsServed(IServiceProvider services) => true;

    /// <summary>The JSON settings the surface writes its bodies with; null: the host's (which leave out null properties).</summary>
    System.Text.Json.JsonSerializerOptions? WireJson => null;

    void AddServices(IServiceCollection services);

    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Adds what the surface's document needs beyond the shared settings, such as its security scheme.</summary>
    void ConfigureOpenApi(OpenApiOptions options);
}
