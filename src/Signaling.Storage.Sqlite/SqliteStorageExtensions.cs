using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Signaling.Core;
using Signaling.Core.Ports;

namespace Signaling.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>The embedded default: one SQLite file (section <c>Storage:Sqlite</c>) holds all state, events and timeouts.</summary>
    public static SignalingBuilder AddSqliteStorage(this SignalingBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>().BindConfiguration(SqliteStorageOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Sqlite:Path must name a file.")
            .Validate(o => o.ApplyDelay >= TimeSpan.Zero && o.ApplyDelay <= TimeSpan.FromSeconds(10), "Storage:Sqlite:ApplyDelay must be between 0 and 10 seconds.")
            .ValidateOnStart();
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteDatabase>().Cache);
        services.TryAddSingleton<ISignalingStore, SqliteSignalingStore>();
        services.TryAddSingleton<IEventLog, SqliteEventLog>();
        services.TryAddSingleton<ITimeoutIndex, SqliteTimeoutIndex>();
        services.TryAddSingleton<IPresenceRegistry, SqlitePresenceRegistry>();
        services.TryAddSingleton<IWebhookOutbox, SqliteWebhookOutbox>();
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SqliteSchemaInitializer>());
        return builder;
    }

    /// <summary>Creates the schema before anything else starts, so the first request finds it.</summary>
    private sealed class SqliteSchemaInitializer(SqliteDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
