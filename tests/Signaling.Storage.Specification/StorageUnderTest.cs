using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>One provider's implementations of every port, sharing one database, as a test sees them.</summary>
public sealed record StorageUnderTest(
    ISignalingStore Store, IEventLog Log, ITimeoutIndex Timeouts, IPresenceRegistry Presence, EventWakeups Wakeups) : IAsyncDisposable
{
    public required IWebhookOutbox Outbox { get; init; }

    /// <summary>Releases the provider's connections (the data stays, so a test can reopen it).</summary>
    public Func<ValueTask> Close { get; init; } = () => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => Close();
}
