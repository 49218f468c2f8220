namespace Signaling.Gateway.Tests.Infrastructure;

/// <summary>One gateway process shared by the tests of a collection; each test uses its own user names.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayProcess Gateway { get; } = new();

    public Task InitializeAsync() => Gateway.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    /// <summary>A user name no other test uses.</summary>
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
