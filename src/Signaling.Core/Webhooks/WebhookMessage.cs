namespace Signaling.Core.Webhooks;

/// <summary>
/// One webhook message for one endpoint, written in the commit of the change that caused it (so a crash loses none).
/// <paramref name="OrderKey"/> is the user it concerns: an endpoint gets each user's messages in commit order.
/// <paramref name="Body"/> is the JSON sent as is: <c>{"type", "timestamp", "data"}</c>.
/// </summary>
public sealed record WebhookMessage(string Endpoint, string Id, string Type, string OrderKey, DateTimeOffset CreatedAt, string Body);
