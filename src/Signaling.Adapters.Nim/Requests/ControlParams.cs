namespace Signaling.Adapters.Nim.Requests;

/// <summary>signalingControl: a custom command to one member (<c>account</c>) or, with an empty account, to everyone in the channel.</summary>
public sealed record ControlParams(string? ChannelId, string? Account = null, string? AttachExt = null);
