using Signaling.Core;
using Signaling.Storage.Redis;
using Signaling.Storage.Sqlite;

namespace Signaling.Gateway;

internal static class StorageRegistration
{
    /// <summary>Adds the provider named by <c>Storage:Provider</c>.</summary>
    public static SignalingBuilder AddConfiguredStorage(this SignalingBuilder builder, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Sqlite";
        return provider.ToUpperInvariant() switch
        {
            "SQLITE" => builder.AddSqliteStorage(),
            "REDIS" => builder.AddRedisStorage(),
            _ => throw new InvalidOperationException($"Storage:Provider '{provider}' is unknown; use 'Sqlite' or 'Redis'."),
        };
    }
}
