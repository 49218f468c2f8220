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
            _ => throw new StartupProblemException(UnknownProvider(configuration)!),
        };
    }

    /// <summary>The one-line refusal for a <c>Storage:Provider</c> the gateway does not have, or null.</summary>
    public static string? UnknownProvider(IConfiguration configuration) =>
        (configuration["Storage:Provider"] ?? "Sqlite").ToUpperInvariant() is "SQLITE" or "REDIS"
            ? null
            : $"Storage:Provider: '{configuration["Storage:Provider"]}' is unknown; use Sqlite (one process) or Redis (several nodes).";

    /// <summary>The storage in use, for the start-up line.</summary>
    public static string Describe(IConfiguration configuration) =>
        (configuration["Storage:Provider"] ?? "Sqlite").ToUpperInvariant() == "REDIS"
            ? $"Redis ({configuration["Storage:Redis:Configuration"]})"
            : $"SQLite ({Path.GetFullPath(configuration["Storage:Sqlite:Path"] ?? "data/signaling.db")})";
}
