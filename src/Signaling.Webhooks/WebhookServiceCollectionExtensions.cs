using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;

namespace Signaling.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Webhooks to the app's server (section <c>Webhooks</c>). With no endpoint configured nothing changes: no message is
    /// made and the store is not wrapped. Call after AddSignaling and the storage provider.
    /// </summary>
    public static SignalingBuilder AddWebhooks(this SignalingBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptions, WebhookSubscriptions>());
        if (configuration.GetSection($"{WebhookOptions.Section}:Endpoints").GetChildren().Any())
        {
            services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
            services.AddSingleton<WebhookSender>();
            services.AddHostedService<WebhookDelivery>();
            DecorateStore(services);
        }

        return builder;
    }

    /// <summary>The provider's store, wrapped so that each commit carries the webhook messages it causes.</summary>
    private static void DecorateStore(IServiceCollection services)
    {
        var provider = services.Last(d => d.ServiceType == typeof(ISignalingStore));
        var implementation = provider.ImplementationType ?? throw new InvalidOperationException("The storage provider must register its store by type.");
        services.Remove(provider);
        services.AddSingleton(implementation);
        services.AddSingleton<ISignalingStore>(sp => new WebhookCommitStore(
            (ISignalingStore)sp.GetRequiredService(implementation), sp.GetRequiredService<WebhookMessages>(),
            sp.GetRequiredService<IPresenceRegistry>(), sp.GetRequiredService<TimeProvider>()));
    }
}
