using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Signaling.Adapters.Tencent.Auth;
using Signaling.Http;
using Signaling.Http.OpenApi;

namespace Signaling.Adapters.Tencent;

/// <summary>Tencent Cloud IM signaling at <c>/tencent</c>: UserSig auth, the SDK's envelope, codes and listener callbacks.</summary>
public sealed class TencentAdapter : ISignalingSurface, IVendorTokens
{
    public const string Policy = "tencent";

    public string Name => "tencent";

    public string Title => "Signaling Gateway — Tencent Cloud IM signaling (V2TIMSignalingManager)";

    public System.Text.Json.JsonSerializerOptions WireJson => TencentJson.Wire;

    public void AddServices(IServiceCollection services)
    {
        services.AddOptions<TencentOptions>().BindConfiguration(TencentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddVendorSurface<TencentAdapter, TencentAuthenticationHandler>(TencentAuthenticationHandler.SchemeName, Policy, TencentJson.Default);
        services.AddSingleton<TencentEventRenderer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTencent(Name);

    public void ConfigureOpenApi(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "Tencent's V2TIMSignalingManager over the gateway's canonical core. Every method is POST /tencent/signaling/{method} with the " +
                "SDK's parameter names and answers {code, desc, data}. Authenticate with a UserSig as Tencent's REST API does: " +
                "?sdkappid=&identifier=&usersig= (mint one with `./gateway token --vendor tencent <user>`).";
            document.RequireApiKeys(ParameterLocation.Query, ("sdkappid", "Your SDKAppID"), ("identifier", "Your user id"), ("usersig", "A TLSSigAPIv2 UserSig"));
            return Task.CompletedTask;
        });

    public string Vendor => Name;

    public string IssueToken(IConfiguration configuration, string userId, string? deviceId, TimeProvider clock)
    {
        var options = configuration.GetSection(TencentOptions.Section).Get<TencentOptions>() ?? new TencentOptions();
        return TencentUserSig.Create(options.SdkAppId, options.SecretKey, userId, clock.GetUtcNow().ToUnixTimeSeconds(), (long)options.UserSigLifetime.TotalSeconds);
    }

    public string? ClientAppId(IConfiguration configuration) => configuration[$"{TencentOptions.Section}:{nameof(TencentOptions.SdkAppId)}"];
}
