using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Signaling.Adapters.Nim.Auth;
using Signaling.Http;
using Signaling.Http.OpenApi;

namespace Signaling.Adapters.Nim;

/// <summary>
/// NetEase NIM independent signaling at <c>/nim</c>: the classic web SDK's signaling methods, its notifications, and the
/// server API, over the canonical core, so NIM users call users of every other surface.
/// </summary>
public sealed class NimAdapter : ISignalingSurface, IVendorTokens
{
    public const string Policy = "nim";

    public string Name => "nim";

    public string Title => "Signaling Gateway — NetEase NIM signaling";

    public System.Text.Json.JsonSerializerOptions WireJson => NimJson.Wire;

    public string Vendor => Name;

    public void AddServices(IServiceCollection services)
    {
        services.AddOptions<NimOptions>().BindConfiguration(NimOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddVendorSurface<NimAdapter, NimClientAuthenticationHandler>(NimClientAuthenticationHandler.SchemeName, Policy, NimJson.Default);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, NimCheckSumAuthenticationHandler>(NimCheckSumAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(NimCheckSumAuthenticationHandler.Policy,
            p => p.AddAuthenticationSchemes(NimCheckSumAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton<NimCalls>();
        services.AddSingleton<NimEventRenderer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNimServer(Name);
        endpoints.MapNim(Name);
    }

    public void ConfigureOpenApi(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "NetEase NIM independent signaling over the gateway's canonical core. Client methods: POST /nim/{method} with the web SDK's " +
                "parameter object, answered {code: 200, data} or {code, message}; log in with X-NIM-AppKey, X-NIM-Accid, X-NIM-Token (a dynamic " +
                "token, or a static one registered with user/create.action) and optionally X-NIM-DeviceId. Mint a token with " +
                "`./gateway token --vendor nim <accid>`. Server API: POST /nim/nimserver/..., form-encoded, CheckSum headers.";
            document.RequireApiKeys(ParameterLocation.Header,
                ("X-NIM-AppKey", "The application's AppKey."), ("X-NIM-Accid", "Your accid."), ("X-NIM-Token", "Your login token."));
            return Task.CompletedTask;
        });

    /// <summary>A dynamic token (reference A.7) for the accid, valid for <see cref="NimOptions.TokenLifetime"/>.</summary>
    public string IssueToken(IConfiguration configuration, string userId, string? deviceId, TimeProvider clock)
    {
        var options = configuration.GetSection(NimOptions.Section).Get<NimOptions>() ?? new NimOptions();
        return NimTokens.IssueDynamic(options.AppKey, userId, options.AppSecret, clock.GetUtcNow(), options.TokenLifetime);
    }

    public string? ClientAppId(IConfiguration configuration) => configuration[$"{NimOptions.Section}:{nameof(NimOptions.AppKey)}"];
}
