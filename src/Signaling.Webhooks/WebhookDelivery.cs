using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;

namespace Signaling.Webhooks;

/// <summary>
/// Delivers the outbox, one loop per endpoint: claim the oldest waiting message of up to Webhooks:Concurrency users,
/// send them side by side, and settle each as it ends — delivered (gone), failed (due again after a backoff that doubles from 1 s
/// up to Webhooks:MaxBackoff, with jitter) or, after Webhooks:RetryFor, dropped with a warning. A commit on this node
/// wakes the loop at once; otherwise it looks every Webhooks:PollInterval (work committed on other nodes, retries).
/// </summary>
public sealed partial class WebhookDelivery(
    IWebhookOutbox outbox, WebhookSender sender, EventWakeups wakeups, WebhookHealth health, SignalingMetrics metrics,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDelivery> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Endpoints.Keys.Select(endpoint => Task.Run(() => RunAsync(endpoint, stoppingToken), stoppingToken)));

    private async Task RunAsync(string endpoint, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var store = new ThrottledWarning(logger, clock, $"Reading the webhook outbox for '{endpoint}'");
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = wakeups.OutboxWritten;
            inFlight.RemoveAll(t => t.IsCompleted);
            var room = settings.Concurrency - inFlight.Count;
            if (room > 0)
            {
                try
                {
                    var now = clock.GetUtcNow();
                    // The lease outlasts an attempt, so a message is held by one node at a time; a node that dies lets it go when the lease
                    // ends. A user whose message is in flight is not due meanwhile, so their next one waits: order per user holds.
                    var claimed = await outbox.ClaimAsync(endpoint, now, now + settings.Timeout + TimeSpan.FromSeconds(5), room, stoppingToken);
                    store.Succeeded();
                    inFlight.AddRange(claimed.Select(entry => DeliverAsync(entry, store, stoppingToken)));
                    if (claimed.Count > 0)
                    {
                        continue;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    store.Failed(ex);
                }
            }

            try
            {
                // Look again when a commit writes messages, a delivery finishes (its user's next message is due), or the poll comes round.
                await Task.WhenAny([woken, Task.Delay(settings.PollInterval, clock, stoppingToken), .. inFlight]);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, ThrottledWarning store, CancellationToken stoppingToken)
    {
        try
        {
            await AttemptAsync(entry, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Sent or not, the message stays until settled: when its lease ends it is tried again (at least once).
            store.Failed(ex);
        }
    }

    private async Task AttemptAsync(OutboxEntry entry, CancellationToken stoppingToken)
    {
        var message = entry.Message;
        var error = await sender.SendAsync(message, stoppingToken);
        var now = clock.GetUtcNow();
        var endpoint = health.For(message.Endpoint);
        if (error is null)
        {
            await outbox.CompleteAsync(entry, stoppingToken);
            endpoint.Succeeded(now);
            metrics.WebhookAttempt(message.Endpoint, message.Type, "delivered");
            metrics.WebhookDelivered(message.Endpoint, now - message.CreatedAt);
            return;
        }

        if (now - message.CreatedAt >= options.Value.RetryFor)
        {
            await outbox.CompleteAsync(entry, stoppingToken);
            endpoint.FailedAttempt(error, now, dropped: true);
            metrics.WebhookAttempt(message.Endpoint, message.Type, "dropped");
            LogDropped(message.Endpoint, message.Type, message.Id, entry.Attempts + 1, error);
            return;
        }

        await outbox.RetryAsync(entry, now + Backoff(entry.Attempts), error, stoppingToken);
        endpoint.FailedAttempt(error, now, dropped: false);
        metrics.WebhookAttempt(message.Endpoint, message.Type, "failed");
    }

    /// <summary>1 s, 2 s, 4 s … up to MaxBackoff, each between half and all of it so that retries of many messages spread out.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var full = Math.Min(options.Value.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 30)));
        return TimeSpan.FromSeconds(full * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook '{Endpoint}' dropped {Type} message {Id} after {Attempts} attempts over Webhooks:RetryFor; last error: {Error}")]
    private partial void LogDropped(string endpoint, string type, string id, int attempts, string error);
}
