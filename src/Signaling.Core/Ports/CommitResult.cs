using Signaling.Core.Events;

namespace Signaling.Core.Ports;

/// <summary>Either the commit was written (events carry their sequence numbers), or someone else changed an aggregate or key first.</summary>
public sealed record CommitResult(bool Conflict, IReadOnlyList<SignalingEvent> Appended)
{
    public static CommitResult Conflicted { get; } = new(true, []);
}
