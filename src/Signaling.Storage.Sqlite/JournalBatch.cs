using System.Buffers;
using System.Text;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// Journalled records on their way to the tables, kept as the bytes the journal encoded them to (in a pooled buffer)
/// rather than as objects: they wait up to the apply delay, and thousands of records with their JSON bodies waiting
/// that long outlived every young-generation collection, which then copied them (~half of what each one promoted).
/// The writer decodes them when it applies them, and gives the buffer back once they are in the tables.
/// </summary>
internal sealed class JournalBatch
{
    private byte[]? _bytes;
    private readonly int _length;

    /// <summary>
    /// Copies <paramref name="encoded"/> (<paramref name="count"/> records as <see cref="JournalRecord.WriteTo"/> wrote
    /// them) into a pooled buffer.
    /// </summary>
    public JournalBatch(ReadOnlySpan<byte> encoded, int count)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(encoded.Length);
        encoded.CopyTo(_bytes);
        _length = encoded.Length;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Adds the batch's records, decoded afresh, to <paramref name="records"/>.</summary>
    public void DecodeInto(List<JournalRecord> records)
    {
        using var reader = new BinaryReader(new MemoryStream(_bytes!, 0, _length, writable: false), Encoding.UTF8);
        for (var i = 0; i < Count; i++)
        {
            records.Add(JournalRecord.ReadFrom(reader));
        }
    }

    /// <summary>The records are in the tables: the buffer goes back to the pool (once).</summary>
    public void Release()
    {
        if (_bytes is { } bytes)
        {
            _bytes = null;
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
