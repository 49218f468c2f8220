using System.Diagnostics.Metrics;

namespace Signaling.Core;

/// <summary>The gateway's own metrics (meter <c>Signaling.Gateway</c>), exported through OpenTelemetry by the host.</summary>
public sealed class SignalingMetrics
{
    public const string MeterName = "Signaling.Gateway";

    private readonly Counter<long> _invites;
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _inviteLatency;

    public SignalingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _invites = meter.CreateCounter<long>("signaling.invites", "{invitation}", "Invitations created.");
        _delivered = meter.CreateCounter<long>("signaling.events.delivered", "{event}", "Events written to live streams.");
        _inviteLatency = meter.CreateHistogram<double>(
            "signaling.invite.delivery.latency", "ms", "Time from an invitation's creation to its delivery on a live stream.");
    }

    public void InvitationCreated(int rung) => _invites.Add(1, new KeyValuePair<string, object?>("rung", rung));

    public void EventDelivered(string kind) => _delivered.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void InvitationDelivered(TimeSpan latency) => _inviteLatency.Record(latency.TotalMilliseconds);
}
