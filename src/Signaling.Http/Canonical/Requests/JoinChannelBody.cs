namespace Signaling.Http.Canonical.Requests;

/// <summary>Join a channel, optionally with a uid of your choice (a positive number unique in the channel).</summary>
public sealed record JoinChannelBody(long? Uid = null, string? Data = null);
