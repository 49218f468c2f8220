using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Ports;

namespace Signaling.Core.Events;

/// <summary>Drops events whose retention has ended, once a minute.</summary>
public sealed class RetentionWorker(IEventLog log, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    private readonly ThrottledWarning _failures = new(logger, clock, "Purging expired events");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await log.PurgeExpiredAsync(clock.GetUtcNow(), stoppingToken);
                    _failures.Succeeded();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _failures.Failed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping, or the host failed to start and is being disposed: nothing to report.
        }
    }
}
