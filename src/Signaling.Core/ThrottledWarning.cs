using Microsoft.Extensions.Logging;

namespace Signaling.Core;

/// <summary>
/// A failure that repeats while a dependency is down (the store, say): the first one is logged in full, then one
/// summary a minute while it lasts, then one line when it works again — not a warning every retry, for ever.
/// </summary>
public sealed class ThrottledWarning(ILogger logger, TimeProvider clock, string what)
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _lastLogged;
    private int _unlogged;

    public void Failed(Exception exception)
    {
        var now = clock.GetUtcNow();
        if (_failingSince is null)
        {
            (_failingSince, _lastLogged, _unlogged) = (now, now, 0);
            logger.LogWarning(exception, "{What} failed; retrying.", what);
            return;
        }

        _unlogged++;
        if (now - _lastLogged >= SummaryInterval)
        {
            logger.LogWarning("{What} still failing since {Since:O}: {Count} more failures in the last minute ({Reason}).", what, _failingSince, _unlogged, exception.Message);
            (_lastLogged, _unlogged) = (now, 0);
        }
    }

    public void Succeeded()
    {
        if (_failingSince is { } since)
        {
            logger.LogInformation("{What} works again (it had failed since {Since:O}).", what, since);
            _failingSince = null;
        }
    }
}
