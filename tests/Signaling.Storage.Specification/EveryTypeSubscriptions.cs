using Signaling.Core.Webhooks;

namespace Signaling.Storage.Specification;

/// <summary>One endpoint, "app", that wants every webhook type: the providers under test write every message they can.</summary>
public sealed class EveryTypeSubscriptions : IWebhookSubscriptions
{
    public IReadOnlyList<string> Endpoints => ["app"];

    public IReadOnlyList<string> EndpointsFor(string type) => ["app"];

    public static WebhookMessages Messages { get; } = new(new EveryTypeSubscriptions());
}
