using Microsoft.AspNetCore.Builder;

namespace Signaling.Http.OpenApi;

/// <summary>An example request and response for an operation, shown in Swagger UI.</summary>
public sealed record OpenApiExample(object? Request, object? Response, int ResponseStatus);

public static class OpenApiExampleExtensions
{
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, object? request, object? response, int responseStatus = 200) =>
        builder.WithMetadata(new OpenApiExample(request, response, responseStatus));
}
