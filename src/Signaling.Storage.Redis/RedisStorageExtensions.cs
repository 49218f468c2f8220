using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Storage.Redis;

public static class RedisStorageExtensions
{
    /// <summary>The scale-out provider: every node of a deployment shares state, events, timeouts and presence in one Redis (section <c>Storage:Redis</c>).</summary>
    public static SignalingBuilder AddRedisStorage(this SignalingBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisStorageOptions>().BindConfiguration(RedisStorageOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Configuration), "Storage:Redis:Configuration must name a Redis server.")
            .ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RecentEvents>();
        services.TryAddSingleton<ISignalingStore, RedisSignalingStore>();
        services.TryAddSingleton<IEventLog, RedisEventLog>();
        services.TryAddSingleton<ITimeoutIndex, RedisTimeoutIndex>();
        services.TryAddSingleton<IPresenceRegistry, RedisPresenceRegistry>();
        services.TryAddSingleton<IWebhookOutbox, RedisWebhookOutbox>();
        services.AddHostedService<RedisWakeSubscriber>();
        return builder;
    }
}
