using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Signaling.Adapters.Agora.Auth;
using Signaling.Adapters.Agora.Callbacks;
using Signaling.Http;
using Signaling.Http.OpenApi;

namespace Signaling.Adapters.Agora;

/// <summary>
/// The legacy Agora Signaling SDK (1.x) at <c>/agora</c>: Agora retired the service, so apps built on it lost their
/// backend. Sessions, calls, channels, messages, attributes and invoke, over the canonical core.
/// </summary>
public sealed class AgoraAdapter : ISignalingSurface, IVendorTokens
{
    public const string Policy = "agora";

    public string Name => "agora";

    public string Title => "Signaling Gateway — legacy Agora Signaling";

    public System.Text.Json.JsonSerializerOptions WireJson => AgoraJson.Wire;

    public string Vendor => Name;

    public void AddServices(IServiceCollection services)
    {
        services.AddOptions<AgoraOptions>().BindConfiguration(AgoraOptions.Section);
        services.AddVendorSurface<AgoraAdapter, AgoraSessionAuthenticationHandler>(AgoraSessionAuthenticationHandler.SchemeName, Policy, AgoraJson.Default);
        services.AddSingleton<AgoraChannels>();
        services.AddSingleton<AgoraCalls>();
        services.AddSingleton<AgoraInvoke>();
        services.AddSingleton<AgoraRateLimits>();
        services.AddSingleton<AgoraEventRenderer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAgora(Name);

    public void ConfigureOpenApi(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "The legacy Agora Signaling SDK (1.x) over the gateway's canonical core. POST /agora/login with a SignalingToken " +
                "(1:appId:expiredTs:md5(account+appId+appCertificate+expiredTs); mint one with `./gateway token --vendor agora <account>`), then call " +
                "POST /agora/{method} with the session in X-Agora-Session. Answers {ecode: 0, result?} or {ecode, reason}. Callbacks: GET /agora/events.";
            document.RequireApiKeys(ParameterLocation.Header, ("X-Agora-Session", "The session login returned."));
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, context, _) =>
        {
            // onChannelUserList's Web shape is a list of [account, uid] pairs: say what each pair holds.
            if (context.JsonTypeInfo.Type == typeof(AgoraCallback) && schema.Properties?["list"] is OpenApiSchema { Items: OpenApiSchema pair })
            {
                pair.Items = new OpenApiSchema { Description = "The account (a string), then its uid (an integer)." };
            }

            return Task.CompletedTask;
        });

    /// <summary>A SignalingToken valid for <see cref="AgoraOptions.TokenLifetime"/>.</summary>
    public string IssueToken(IConfiguration configuration, string userId, string? deviceId, TimeProvider clock)
    {
        var options = configuration.GetSection(AgoraOptions.Section).Get<AgoraOptions>() ?? new AgoraOptions();
        var expires = (clock.GetUtcNow() + options.TokenLifetime).ToUnixTimeSeconds();
        return SignalingToken.Create(userId, options.AppId, options.AppCertificate, expires);
    }

    public string? ClientAppId(IConfiguration configuration) => configuration[$"{AgoraOptions.Section}:{nameof(AgoraOptions.AppId)}"];
}
