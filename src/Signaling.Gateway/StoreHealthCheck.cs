using Microsoft.Extensions.Diagnostics.HealthChecks;
using Signaling.Core.Ports;

namespace Signaling.Gateway;

/// <summary>Ready means the store answers.</summary>
internal sealed class StoreHealthCheck(ISignalingStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store did not answer.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The store is unreachable.", ex);
        }
    }
}
