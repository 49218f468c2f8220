using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Signaling.Core.Ports;

namespace Signaling.Core.Users;

/// <summary>Every few seconds, lets the presence registry drop connections that expired (a dead node's), so their users go offline.</summary>
public sealed class PresenceExpiryWorker(IPresenceRegistry presence, TimeProvider clock, ILogger<PresenceExpiryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly ThrottledWarning _failures = new(logger, clock, "Expiring dead connections");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await presence.ExpireAsync(clock.GetUtcNow(), stoppingToken);
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
            // Stopping.
        }
    }
}
