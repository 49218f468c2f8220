using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Agora's message rates (reference B.3/B.6): 60 messages per second per user and 200 per second per channel, in
/// fixed one-second windows. Counted on each node, so behind a load balancer the limits apply per node.
/// </summary>
public sealed class AgoraRateLimits(IOptions<AgoraOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _users = Limiter(options.Value.UserMessagesPerSecond);
    private readonly PartitionedRateLimiter<string> _channels = Limiter(options.Value.ChannelMessagesPerSecond);

    /// <summary>Takes one message from the user's allowance (and the channel's, when there is one); false when either is spent.</summary>
    public bool TryTake(string userId, string? channelId = null)
    {
        using var user = _users.AttemptAcquire(userId);
        if (!user.IsAcquired)
        {
            return false;
        }

        if (channelId is null)
        {
            return true;
        }

        using var channel = _channels.AttemptAcquire(channelId);
        return channel.IsAcquired;
    }

    public void Dispose()
    {
        _users.Dispose();
        _channels.Dispose();
    }

    private static PartitionedRateLimiter<string> Limiter(int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        }));
}
