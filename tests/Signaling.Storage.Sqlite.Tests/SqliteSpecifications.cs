using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

public sealed class SqliteAggregateStoreTests : AggregateStoreSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqliteEventLogTests : EventLogSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqliteTimeoutIndexTests : TimeoutIndexSpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}

public sealed class SqlitePresenceRegistryTests : PresenceRegistrySpecification
{
    private readonly SqliteStorage _storage = new();

    protected override Task<StorageUnderTest> OpenAsync() => _storage.OpenAsync();
}
