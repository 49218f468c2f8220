namespace Signaling.Core;

/// <summary>
/// A start-up failure the operator can fix: its message is one line naming the setting or resource, what is wrong,
/// and what to do. The host prints it alone (no stack trace) and exits with code 1.
/// </summary>
public sealed class StartupProblemException(string message, Exception? inner = null) : Exception(message, inner);
