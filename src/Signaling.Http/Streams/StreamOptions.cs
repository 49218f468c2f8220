namespace Signaling.Http.Streams;

/// <summary>Configuration section <c>Streams</c>.</summary>
public sealed class StreamOptions
{
    public const string Section = "Streams";

    /// <summary>How often an idle stream gets a heartbeat (SSE comment, WebSocket ping) and presence is renewed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A connection not renewed for this long counts as gone (its node died).</summary>
    public TimeSpan PresenceTtl { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How many events one read takes from the log: the most a connection holds in memory.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>A client that does not take a batch within this time is disconnected; it resumes with its last id.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest command frame a WebSocket takes (the host sets it to <c>Limits:MaxRequestBodyBytes</c>).</summary>
    public int MaxCommandBytes { get; set; } = 64 * 1024;
}
