namespace Signaling.Http.Streams;

/// <summary>
/// One event as a surface shows it: the name (SSE <c>event:</c>, a vendor's callback name) and the JSON payload,
/// already UTF-8 so it goes to the socket without another copy.
/// </summary>
public readonly record struct EventFrame(string Name, byte[] Data);
