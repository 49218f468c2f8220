using Signaling.Gateway.Tests.Infrastructure;
using Signaling.Storage.Specification;

namespace Signaling.Gateway.Tests.MultiNode;

/// <summary>
/// Two real gateway processes (Kestrel on two loopback ports) sharing one real redis-server, as the README runs them;
/// <c>settings</c> are more configuration for both (environment variables).
/// </summary>
public sealed class TwoNodes(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public GatewayProcess A { get; private set; } = null!;

    public GatewayProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.StartAsync();
        A = Node();
        B = Node();
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private GatewayProcess Node() => new(settings: new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
    {
        ["Storage__Provider"] = "Redis",
        ["Storage__Redis__Configuration"] = Redis.Configuration,
        ["Storage__Redis__CommandTimeout"] = "00:00:01",
    });
}
