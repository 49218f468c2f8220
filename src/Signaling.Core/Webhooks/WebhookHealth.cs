using System.Collections.Concurrent;

namespace Signaling.Core.Webhooks;

/// <summary>
/// What this node's deliverers saw per endpoint since it started: attempts by result, the last success and the last
/// error. Operators read it (with the outbox's backlog) through the admin API.
/// </summary>
public sealed class WebhookHealth
{
    private readonly ConcurrentDictionary<string, EndpointHealth> _endpoints = new(StringComparer.Ordinal);

    public EndpointHealth For(string endpoint) => _endpoints.GetOrAdd(endpoint, static name => new EndpointHealth(name));

    public sealed class EndpointHealth(string name)
    {
        private long _delivered;
        private long _failed;
        private long _dropped;

        public string Name => name;

        public long Delivered => Interlocked.Read(ref _delivered);

        /// <summary>Attempts that failed and will be retried.</summary>
        public long Failed => Interlocked.Read(ref _failed);

        public long Dropped => Interlocked.Read(ref _dropped);

        public DateTimeOffset? LastDeliveredAt { get; private set; }

        public string? LastError { get; private set; }

        public DateTimeOffset? LastErrorAt { get; private set; }

        public void Succeeded(DateTimeOffset at)
        {
            Interlocked.Increment(ref _delivered);
            LastDeliveredAt = at;
        }

        public void FailedAttempt(string error, DateTimeOffset at, bool dropped)
        {
            Interlocked.Increment(ref dropped ? ref _dropped : ref _failed);
            (LastError, LastErrorAt) = (error, at);
        }
    }
}
