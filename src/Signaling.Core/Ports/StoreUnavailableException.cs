namespace Signaling.Core.Ports;

/// <summary>
/// The store cannot be reached right now (a provider's network store is down or too slow). Nothing was changed;
/// the caller may retry later. The HTTP edge answers 503.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
