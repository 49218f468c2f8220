using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical;

/// <summary>The canonical API at <c>/v1</c>: JSON, JWT bearer, RFC 9457 problems, events as SSE or WebSocket.</summary>
public sealed class CanonicalSurface : ISignalingSurface
{
    private const string SecurityScheme = "Bearer";

    public string Name => "v1";

    public string Title => "Signaling Gateway canonical API";

    public void AddServices(IServiceCollection services)
    {
        services.AddCanonicalAuthentication();
        services.AddValidatorsFromAssemblyContaining<CanonicalSurface>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<CanonicalStreamCommands>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapSurfaceGroup("/v1", CanonicalProblemWriter.Instance)
            .WithGroupName(Name)
            .RequireAuthorization(CanonicalAuthentication.Policy)
            .AddEndpointFilterFactory(ValidationFilter.Create);
        v1.MapInvitations();
        v1.MapChannels();
        v1.MapUsers();
        v1.MapEvents();
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            v1.MapDevTokens();
            v1.MapDevOnline();
        }
    }

    public void ConfigureOpenApi(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "One signaling core behind every vendor surface. Get a token with `./gateway token alice` " +
                "(or, in Development, POST /v1/dev/tokens), press Authorize, and call away. Errors are RFC 9457 problems whose `code` " +
                "is the canonical error.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "HS256 JWT: `sub` is your user id, optional `did` your device id.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
            }

            return Task.CompletedTask;
        });
    }
}
