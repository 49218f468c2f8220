using Microsoft.Extensions.Options;
using Signaling.Core.Webhooks;

namespace Signaling.Webhooks;

/// <summary>The configured endpoints by the types they want (<see cref="WebhookEndpointOptions.Events"/>; empty = all).</summary>
public sealed class WebhookSubscriptions(IOptions<WebhookOptions> options) : IWebhookSubscriptions
{
    private readonly Dictionary<string, IReadOnlyList<string>> _byType = WebhookTypes.All.ToDictionary(
        type => type,
        type => (IReadOnlyList<string>)options.Value.Endpoints
            .Where(e => e.Value.Events.Count == 0 || e.Value.Events.Contains(type, StringComparer.Ordinal))
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList());

    public IReadOnlyList<string> Endpoints { get; } = options.Value.Endpoints.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> EndpointsFor(string type) => _byType.TryGetValue(type, out var endpoints) ? endpoints : [];
}
