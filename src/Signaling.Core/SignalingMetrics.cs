using System.Diagnostics.Metrics;
using Signaling.Core.Invitations;

namespace Signaling.Core;

/// <summary>The gateway's own metrics (meter <c>Signaling.Gateway</c>), exported through OpenTelemetry by the host.</summary>
public sealed class SignalingMetrics
{
    public const string MeterName = "Signaling.Gateway";

    private readonly Counter<long> _invites;
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _inviteLatency;
    private readonly Counter<long> _outcomes;
    private readonly UpDownCounter<long> _streams;
    private readonly Counter<long> _timeouts;
    private readonly Histogram<double> _timeoutLateness;
    private readonly Counter<long> _storeErrors;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _redisErrors;
    private readonly Counter<long> _webhooks;
    private readonly Histogram<double> _webhookLatency;
    private readonly Counter<long> _streamCommands;

    public SignalingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _invites = meter.CreateCounter<long>("signaling.invites", "{invitation}", "Invitations created.");
        _delivered = meter.CreateCounter<long>("signaling.events.delivered", "{event}", "Events written to live streams.");
        _inviteLatency = meter.CreateHistogram<double>(
            "signaling.invite.delivery.latency", "ms", "Time from an invitation's creation to its delivery on a live stream.");
        _outcomes = meter.CreateCounter<long>("signaling.invitee.outcomes", "{invitee}", "How each invitee's ringing ended: accepted, rejected, cancelled, timed_out.");
        _streams = meter.CreateUpDownCounter<long>("signaling.streams.open", "{stream}", "Event streams open now, by surface and transport.");
        _timeouts = meter.CreateCounter<long>("signaling.timeouts.fired", "{timeout}", "Due timeouts fired by the server's clock.");
        _timeoutLateness = meter.CreateHistogram<double>("signaling.timeout.lateness", "ms", "How long after its due time a timeout fired.");
        _commitDuration = meter.CreateHistogram<double>(
            "signaling.store.commit.duration", "ms", "How long a commit took to become durable (queueing and group commit included).");
        _redisErrors = meter.CreateCounter<long>(
            "signaling.redis.errors", "{error}", "Redis operations that failed or timed out, and connections lost — in requests and background work alike.");
        _webhooks = meter.CreateCounter<long>(
            "signaling.webhooks", "{attempt}", "Webhook delivery attempts by endpoint, type and result: delivered, failed (to be retried), dropped (retried for Webhooks:RetryFor).");
        _webhookLatency = meter.CreateHistogram<double>(
            "signaling.webhook.delivery.latency", "ms", "Time from a webhook message's commit to its delivery (retries included).");
        _streamCommands = meter.CreateCounter<long>(
            "signaling.stream.commands", "{command}", "Commands answered on event-stream WebSockets (rather than as HTTP requests), by surface, operation and status.");
        _storeErrors = meter.CreateCounter<long>("signaling.store.unavailable", "{request}", "Requests answered 503 because the store (Redis, the SQLite file) was unreachable.");
    }

    public void InviteeAnswered(InviteeState outcome) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString())));

    public void StreamOpened(string surface, string transport, int change) =>
        _streams.Add(change, new KeyValuePair<string, object?>("surface", surface), new KeyValuePair<string, object?>("transport", transport));

    public void TimeoutFired(TimeSpan lateness)
    {
        _timeouts.Add(1);
        _timeoutLateness.Record(Math.Max(0, lateness.TotalMilliseconds));
    }

    public void StoreUnavailable() => _storeErrors.Add(1);

    public void Committed(string provider, TimeSpan took, bool conflict) =>
        _commitDuration.Record(took.TotalMilliseconds,
            new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("conflict", conflict));

    public void WebhookAttempt(string endpoint, string type, string result) =>
        _webhooks.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("type", type),
            new KeyValuePair<string, object?>("result", result));

    public void WebhookDelivered(string endpoint, TimeSpan latency) =>
        _webhookLatency.Record(Math.Max(0, latency.TotalMilliseconds), new KeyValuePair<string, object?>("endpoint", endpoint));

    public void StreamCommand(string surface, string operation, int status) =>
        _streamCommands.Add(1, new KeyValuePair<string, object?>("surface", surface), new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("status", status));

    public void RedisError(string kind) => _redisErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void InvitationCreated(int rung) => _invites.Add(1, new KeyValuePair<string, object?>("rung", rung));

    public void EventDelivered(string kind) => _delivered.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void InvitationDelivered(TimeSpan latency) => _inviteLatency.Record(latency.TotalMilliseconds);
}
