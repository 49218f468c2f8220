using Microsoft.Extensions.Options;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Redis.Tests;

/// <summary>Opens the Redis provider on the shared test redis-server, under a key prefix of its own, as the gateway does.</summary>
internal sealed class RedisStorage
{
    private readonly RedisStorageOptions _options = new() { Configuration = RedisServer.Shared.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" };

    public Task<StorageUnderTest> OpenAsync()
    {
        var connection = new RedisConnection(Options.Create(_options));
        var wakeups = new EventWakeups();
        return Task.FromResult(new StorageUnderTest(
            new RedisSignalingStore(connection, wakeups), new RedisEventLog(connection), new RedisTimeoutIndex(connection),
            new RedisPresenceRegistry(connection, EveryTypeSubscriptions.Messages, wakeups), wakeups)
        {
            Outbox = new RedisWebhookOutbox(connection),
            Close = connection.DisposeAsync,
        });
    }
}
