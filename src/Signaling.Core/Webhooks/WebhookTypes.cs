namespace Signaling.Core.Webhooks;

/// <summary>The webhook event types (Standard Webhooks' <c>type</c>), and which of them each endpoint wants.</summary>
public static class WebhookTypes
{
    /// <summary>An invitee was rung while offline: the app's server should wake them with a push.</summary>
    public const string PushRequested = "push.requested";

    /// <summary>An invitation or call is over: who, how, how long.</summary>
    public const string CallRecord = "call.record";

    /// <summary>A user came online (first stream) or went offline (last stream closed or expired).</summary>
    public const string UserPresence = "user.presence";

    public static IReadOnlyList<string> All { get; } = [PushRequested, CallRecord, UserPresence];
}

/// <summary>Which endpoints want which types; the core writes one message per endpoint that wants it.</summary>
public interface IWebhookSubscriptions
{
    /// <summary>Every configured endpoint, by name.</summary>
    IReadOnlyList<string> Endpoints { get; }

    /// <summary>The endpoints subscribed to <paramref name="type"/> (empty: write nothing, and skip the work of making it).</summary>
    IReadOnlyList<string> EndpointsFor(string type);
}

/// <summary>No endpoint: the default until the host configures webhooks.</summary>
public sealed class NoWebhookSubscriptions : IWebhookSubscriptions
{
    public IReadOnlyList<string> Endpoints => [];

    public IReadOnlyList<string> EndpointsFor(string type) => [];
}
