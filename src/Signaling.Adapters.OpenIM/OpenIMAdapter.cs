using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Signaling.Adapters.OpenIM.Auth;
using Signaling.Http;
using Signaling.Http.OpenApi;

namespace Signaling.Adapters.OpenIM;

/// <summary>
/// OpenIM signaling at <c>/openim</c>: the open server OpenIM's SDK calls never had (its RTC service was closed source),
/// with server-side busy line, timeouts and offline invitations.
/// </summary>
public sealed class OpenIMAdapter : ISignalingSurface, IVendorTokens
{
    public const string Policy = "openim";

    public string Name => "openim";

    public string Title => "Signaling Gateway — OpenIM signaling";

    public System.Text.Json.JsonSerializerOptions WireJson => OpenIMJson.Wire;

    public string Vendor => Name;

    public void AddServices(IServiceCollection services)
    {
        services.AddOptions<OpenIMOptions>().BindConfiguration(OpenIMOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new OpenIMErrorMap(sp.GetRequiredService<IOptions<OpenIMOptions>>().Value.ErrorCodes == "v2"));
        services.AddSingleton(sp => new OpenIMProblemWriter(sp.GetRequiredService<OpenIMErrorMap>()));
        services.AddVendorSurface<OpenIMAdapter, OpenIMAuthenticationHandler>(OpenIMAuthenticationHandler.SchemeName, Policy, OpenIMJson.Default);
        services.AddSingleton<OpenIMEventRenderer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenIM(Name, endpoints.ServiceProvider.GetRequiredService<OpenIMProblemWriter>());

    public void ConfigureOpenApi(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "OpenIM's signaling calls over the gateway's canonical core: POST /openim/{method} with OpenIM's field names, answered " +
                "{errCode, errMsg, errDlt, data}. Authenticate with an OpenIM token (HS256, claims {UserID, PlatformID} or {UID, Platform}) " +
                "in the `token` header; mint one with `./gateway token --vendor openim <user> [--device <platformID>]` or /openim/auth/user_token.";
            document.RequireApiKeys(ParameterLocation.Header, ("token", "An OpenIM user token."));
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, context, _) =>
        {
            // get_rtc_invitation_info / _start_app answer the ringing invitation, or OpenIM's {} when nothing rings.
            if (context.JsonTypeInfo.Type == typeof(OpenIMEnvelope<PendingInvitation>) && schema.Properties is { } properties
                && properties.TryGetValue("data", out var data))
            {
                properties["data"] = new OpenApiSchema
                {
                    AnyOf = [data, new OpenApiSchema { Type = JsonSchemaType.Object, MaxProperties = 0, Description = "Nothing rings for you." }],
                };
            }

            return Task.CompletedTask;
        });

    /// <summary>A v3 token; the device, when given, is the platform id (default 5, Web).</summary>
    public string IssueToken(IConfiguration configuration, string userId, string? deviceId, TimeProvider clock)
    {
        var options = configuration.GetSection(OpenIMOptions.Section).Get<OpenIMOptions>() ?? new OpenIMOptions();
        var platform = int.TryParse(deviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Platforms.IsKnown(id) ? id : 5;
        return OpenIMTokens.IssueV3(userId, platform, options.Secret, clock.GetUtcNow(), options.TokenLifetime);
    }

    public string? ClientAppId(IConfiguration configuration) => null;
}
