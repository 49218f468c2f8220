using System.ComponentModel.DataAnnotations;

namespace Signaling.Webhooks;

/// <summary>Section <c>Webhooks</c>: where the app's server wants to hear about pushes, calls and presence.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>By name (the name shows in metrics, logs and the admin API).</summary>
    public Dictionary<string, WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>How long an attempt may take; anything but a 2xx within it is a failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a message is retried before it is dropped with a warning.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest wait between two attempts (the wait doubles from one second, with jitter, up to this).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages in flight per endpoint (each a different user's: one user's messages go one at a time, in order).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How often a node looks for work it was not woken for (messages committed on another node, retries that came due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class WebhookEndpointOptions
{
    /// <summary>An absolute http(s) URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>The Standard Webhooks signing secret: <c>whsec_</c> + base64 of 24–64 random bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The types this endpoint gets (push.requested, call.record, user.presence); empty: all of them.</summary>
    public List<string> Events { get; set; } = [];
}
