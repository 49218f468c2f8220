namespace Signaling.Core.Events;

/// <summary>
/// An event a user missed while offline. <paramref name="Valid"/> is false when what it is about is over: its channel
/// was closed or expired, or (for a call outside any channel) the call ended.
/// </summary>
public sealed record OfflineItem(SignalingEvent Event, bool Valid);
