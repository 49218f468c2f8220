namespace Signaling.Http.Streams;

/// <summary>
/// A stream's write deadline: armed for each batch of writes and disarmed after it. One cancellation source serves the
/// stream's whole life, where a source, its link and a timer per batch were among the largest allocations per event;
/// it is made at the first write, so a stream that only idles holds none.
/// </summary>
internal sealed class WriteDeadline(CancellationToken stop, TimeSpan timeout) : IDisposable
{
    private CancellationTokenSource? _source;

    /// <summary>Starts the timeout: the token is cancelled when it passes or the stream stops.</summary>
    public CancellationToken Arm()
    {
        _source ??= CancellationTokenSource.CreateLinkedTokenSource(stop);
        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>The batch is written: the timeout stops (a source it cancelled just now is replaced at the next write).</summary>
    public void Disarm()
    {
        if (_source is not null && !_source.TryReset())
        {
            _source.Dispose();
            _source = null;
        }
    }

    public void Dispose() => _source?.Dispose();
}
