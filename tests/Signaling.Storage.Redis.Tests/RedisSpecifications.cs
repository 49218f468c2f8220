using Signaling.Storage.Specification;

namespace Signaling.Storage.Redis.Tests;

public sealed class RedisAggregateStoreTests : AggregateStoreSpecification
{
    private readonly RedisStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class RedisEventLogTests : EventLogSpecification
{
    private readonly RedisStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class RedisTimeoutIndexTests : TimeoutIndexSpecification
{
    private readonly RedisStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class RedisPresenceRegistryTests : PresenceRegistrySpecification
{
    private readonly RedisStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class RedisWebhookOutboxTests : WebhookOutboxSpecification
{
    private readonly RedisStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}
