using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Signaling.Core.Events;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Redis.Tests;

/// <summary>
/// Opens the Redis provider on a redis-server (the shared test one unless given), under a key prefix of its own, as
/// the gateway does; each open is one more node on the same data.
/// </summary>
internal sealed class RedisStorage(string? configuration = null)
{
    private readonly RedisStorageOptions _options = new() { Configuration = configuration ?? RedisServer.Shared.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" };

    /// <summary>With the wake subscriber running, so reads of watched users are answered from what it keeps.</summary>
    public async Task<StorageUnderTest> OpenAsync()
    {
        var connection = new RedisConnection(Options.Create(_options));
        var wakeups = new EventWakeups();
        var recent = new RecentEvents();
        await new RedisWakeSubscriber(connection, wakeups, recent, NullLogger<RedisWakeSubscriber>.Instance).StartAsync(CancellationToken.None);
        var store = new RedisSignalingStore(connection, wakeups, recent);
        return new StorageUnderTest(
            store, new RedisEventLog(connection, recent, store), new RedisTimeoutIndex(connection),
            new RedisPresenceRegistry(connection, EveryTypeSubscriptions.Messages, wakeups), wakeups)
        {
            Outbox = new RedisWebhookOutbox(connection),
            Close = async () =>
            {
                await connection.DisposeAsync();
                recent.Dispose();
            },
        };
    }
}
