using System.Buffers;

namespace Signaling.Http.Streams;

/// <summary>
/// One WebSocket message read in pieces: the first piece lands in the connection's small buffer, and only a longer
/// message grows a buffer of its own. Past <c>max</c> bytes the rest is read and dropped, and the frame is too large.
/// </summary>
internal sealed class CommandFrame
{
    private const int Piece = 4096;

    // Where an over-size message's rest goes; shared, since nobody reads it.
    private static readonly byte[] Dropped = new byte[Piece];

    private readonly byte[] _first;
    private readonly int _firstCount;
    private readonly int _max;
    private ArrayBufferWriter<byte>? _grown;

    public CommandFrame(byte[] first, int count, int max)
    {
        (_first, _firstCount, _max) = (first, count, max);
        TooLarge = count > max;
    }

    public bool TooLarge { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _grown?.WrittenMemory ?? _first.AsMemory(0, _firstCount);

    /// <summary>Where the next piece goes.</summary>
    public Memory<byte> Free
    {
        get
        {
            if (TooLarge)
            {
                return Dropped;
            }

            if (_grown is null)
            {
                _grown = new ArrayBufferWriter<byte>(_firstCount + Piece);
                _grown.Write(_first.AsSpan(0, _firstCount));
            }

            return _grown.GetMemory(Piece)[..Piece];
        }
    }

    /// <summary>The piece just read into <see cref="Free"/> held <paramref name="count"/> bytes.</summary>
    public void Grew(int count)
    {
        if (TooLarge)
        {
            return;
        }

        _grown!.Advance(count);
        if (_grown.WrittenCount > _max)
        {
            TooLarge = true;
            _grown = null;
        }
    }
}
