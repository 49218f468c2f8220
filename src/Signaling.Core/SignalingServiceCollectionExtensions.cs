using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Timeouts;
using Signaling.Core.Users;
using Signaling.Core.Webhooks;

namespace Signaling.Core;

public static class SignalingServiceCollectionExtensions
{
    /// <summary>Registers the core services and workers. A storage provider must be added too.</summary>
    public static SignalingBuilder AddSignaling(this IServiceCollection services)
    {
        services.AddOptions<SignalingOptions>().BindConfiguration(SignalingOptions.Section).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventWakeups>();
        services.TryAddSingleton<SignalingMetrics>();
        services.TryAddSingleton<InvitationService>();
        services.TryAddSingleton<ChannelService>();
        services.TryAddSingleton<UserService>();
        services.TryAddSingleton<OfflineInbox>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<Operations.OperatorService>();
        services.TryAddSingleton<IWebhookSubscriptions, NoWebhookSubscriptions>();
        services.TryAddSingleton<WebhookMessages>();
        services.TryAddSingleton<WebhookHealth>();
        services.AddHostedService<TimeoutWorker>();
        services.AddHostedService<RetentionWorker>();
        services.AddHostedService<PresenceExpiryWorker>();
        return new SignalingBuilder(services);
    }
}
