namespace Signaling.Adapters.Nim.Requests;

/// <summary>The call kit's media-room inputs to a join (N9 <c>nertcChannelName</c>, <c>nertcTokenTtl</c>).</summary>
public sealed record NertcRequest(string? ChannelName, long? TtlSeconds);
