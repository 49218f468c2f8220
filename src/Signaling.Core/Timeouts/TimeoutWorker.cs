using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Core.Timeouts;

/// <summary>
/// Fires due invitation timeouts on the server's clock. It polls the durable index often enough that a timeout
/// fires within about 50 ms of its due time, and at start-up it fires whatever fell due while the process was down.
/// </summary>
public sealed class TimeoutWorker(
    ITimeoutIndex timeouts, InvitationService invitations, TimeProvider clock, SignalingMetrics metrics, ILogger<TimeoutWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly ThrottledWarning _failures = new(logger, clock, "Firing due timeouts");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FireDueAsync(stoppingToken);
                _failures.Succeeded();
                await Task.Delay(PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be briefly unreachable; claimed timeouts come back when their lease ends.
                _failures.Failed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and fires every timeout due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (true)
        {
            var due = await timeouts.ClaimDueAsync(clock.GetUtcNow(), Lease, max: 100, cancellationToken);
            foreach (var timeout in due)
            {
                await invitations.FireTimeoutAsync(timeout.InvitationId, cancellationToken);
                metrics.TimeoutFired(clock.GetUtcNow() - timeout.DueAt);
            }

            fired += due.Count;
            if (due.Count < 100)
            {
                return fired;
            }
        }
    }
}
