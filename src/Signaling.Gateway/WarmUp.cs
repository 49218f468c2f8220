using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Signaling.Http.Identity;

namespace Signaling.Gateway;

/// <summary>
/// Once the server listens, sends itself the requests every call starts with, so that the first real caller does not
/// pay for what ASP.NET Core and the JIT do once: building every endpoint and the route matcher (~0.8 s on two cores),
/// then authentication, body binding, validation and a store read. None of them changes anything: an invitation
/// to nobody is refused, an unknown invitation is not found. Readiness (<c>/readyz</c>) waits for it.
/// </summary>
internal sealed class WarmUp(IServer server, TokenIssuer tokens, IHostApplicationLifetime lifetime, ILogger<WarmUp> logger) : BackgroundService, IHealthCheck
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done.Task.IsCompleted ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("Warming up."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
            {
                await SendAsync(Loopback(address), stoppingToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or UriFormatException)
        {
            logger.LogDebug(ex, "Warm-up requests did not all complete; the first callers pay for what they would have done.");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task SendAsync(Uri baseAddress, CancellationToken stoppingToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var bearer = new AuthenticationHeaderValue("Bearer", tokens.Issue("gateway-warm-up", lifetime: TimeSpan.FromMinutes(1)));
        (HttpMethod Method, string Path, string? Body)[] requests =
        [
            (HttpMethod.Get, "/healthz", null),
            (HttpMethod.Post, "/v1/invitations", """{"invitees":[]}"""),
            (HttpMethod.Get, $"/v1/invitations/warm-up-{Guid.NewGuid():N}", null),
        ];
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = bearer;
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, stoppingToken);
        }
    }

    /// <summary>The listening address as a client reaches it: a wildcard host means this machine.</summary>
    private static Uri Loopback(string address)
    {
        var uri = new Uri(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
    }
}
