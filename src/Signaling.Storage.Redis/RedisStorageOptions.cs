namespace Signaling.Storage.Redis;

/// <summary>Configuration section <c>Storage:Redis</c>.</summary>
public sealed class RedisStorageOptions
{
    public const string Section = "Storage:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis1:6379,password=…</c>.</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sg:";

    /// <summary>The most events kept per user's stream, whatever their retention (a safety bound on memory).</summary>
    public int MaxEventsPerUser { get; set; } = 10_000;

    /// <summary>How long a command waits for Redis before the gateway answers 503.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
