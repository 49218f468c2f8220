namespace Signaling.Adapters.Tencent.Requests;

/// <summary>The caller's signaling messages after position <c>after</c> (0: from the start), at most <c>count</c> (default 20, up to 100).</summary>
public sealed record MessagesRequest(long? After = null, int? Count = null);
