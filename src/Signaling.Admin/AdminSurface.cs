using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Signaling.Http;
using Signaling.Http.Canonical;
using Signaling.Http.OpenApi;
using Signaling.Http.Validation;

namespace Signaling.Admin;

/// <summary>
/// The operators' API at <c>/admin</c>: JSON and RFC 9457 problems like <c>/v1</c>, authenticated by the one key in
/// <c>Admin:ApiKey</c> (header <c>X-Admin-Key</c>). With no key configured nothing is mapped, so all of <c>/admin</c> is 404.
/// </summary>
public sealed class AdminSurface : ISignalingSurface
{
    public string Name => "admin";

    public string Title => "Signaling Gateway admin API";

    public bool IsServed(IServiceProvider services) => !string.IsNullOrEmpty(ConfiguredKey(services));

    public void AddServices(IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => o.ApiKey.Length is 0 or >= AdminOptions.MinKeyLength,
                $"Admin:ApiKey must be empty (the admin API off) or at least {AdminOptions.MinKeyLength} characters (Admin__ApiKey).")
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(AdminJson.Default));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        if (!IsServed(endpoints.ServiceProvider))
        {
            return;
        }

        var key = ConfiguredKey(endpoints.ServiceProvider)!;
        endpoints.MapSurfaceGroup("/admin", CanonicalProblemWriter.Instance)
            .WithGroupName(Name)
            .AddEndpointFilter(new AdminKeyFilter(key))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapAdminOperations(AdminOptions.KeyId(key));
    }

    /// <summary>
    /// Read from the configuration rather than the options: the host asks while it is being built, before start-up
    /// validation can turn a bad key into its one-line refusal.
    /// </summary>
    private static string? ConfiguredKey(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()[$"{AdminOptions.Section}:{nameof(AdminOptions.ApiKey)}"];

    public void ConfigureOpenApi(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "What is live right now — invitations ringing or connected, users online with their sessions and streams, channels — and " +
                "the means to end a stuck call, remove a session or stream, or close a channel. Send the key configured in `Admin:ApiKey` " +
                "as `X-Admin-Key`; every action is logged with the key's id. Errors are RFC 9457 problems whose `code` is the canonical error.";
            document.RequireApiKeys(ParameterLocation.Header, (AdminKeyFilter.Header, "The key configured in `Admin:ApiKey`."));
            return Task.CompletedTask;
        });
}
