using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Ports;

namespace Signaling.Core.Events;

/// <summary>Drops events whose retention has ended, once a minute.</summary>
public sealed class RetentionWorker(IEventLog log, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
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
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Purging expired events failed; will retry.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping, or the host failed to start and is being disposed: nothing to report.
        }
    }
}
