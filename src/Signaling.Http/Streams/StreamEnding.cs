namespace Signaling.Http.Streams;

/// <summary>Why a stream ends; the first reason given wins.</summary>
internal enum StreamEndReason
{
    None,
    ClientGone,
    Removed,
    Shutdown,
}

/// <summary>
/// One stream's single stop signal, with the reason it stopped: the client went away, an operator removed the stream, or
/// the gateway is shutting down. One plain source per stream, not a source linked to the client, the operator and the
/// host (each link is a registration held for as long as the stream is open — memory per idle connection).
/// </summary>
internal sealed class StreamEnding : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private int _reason;

    public CancellationToken Token => _source.Token;

    public StreamEndReason Reason => (StreamEndReason)Volatile.Read(ref _reason);

    public void End(StreamEndReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StreamEndReason.None) != (int)StreamEndReason.None)
        {
            return;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream finished meanwhile: nothing left to stop.
        }
    }

    public void Dispose() => _source.Dispose();
}
