namespace Signaling.Core.Webhooks;

/// <summary>A queued message as a deliverer holds it: the message, how often it was tried, and the store's handle for it.</summary>
public sealed record OutboxEntry(WebhookMessage Message, int Attempts, string Handle);
