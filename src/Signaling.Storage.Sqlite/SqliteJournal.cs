using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The commit journal beside the database file: segment files <c>&lt;file&gt;.commits.&lt;first record number&gt;</c>. A
/// batch of commits is one write to the end of the current segment, after which they are acknowledged: a write the
/// kernel has taken survives the process being killed. Each batch is framed as length, CRC-32 and payload, so a tail
/// torn by a power cut is recognised and left out on replay. A segment goes once the tables hold all of its records; a
/// new one starts when the current one is large, so the journal stays small while the tables catch up. Records are
/// Brotli-compressed (quality 1), a batch to a frame: a call's JSON repeats itself (ids, users and field names recur),
/// and compressed they wrote ~4× fewer bytes (measured while each event still carried a copy of its invitation). The
/// top bit of the length marks such a frame; a journal left by an earlier version has a plain record in each.
/// </summary>
internal sealed class SqliteJournal : IDisposable
{
    private const int FrameHeader = 8;
    private const int CompressedFlag = int.MinValue;
    private const int Quality = 1;
    private const int Window = 16;
    private const long SegmentBytes = 4 << 20;
    private readonly string _prefix;
    private readonly MemoryStream _buffer = new();
    private readonly MemoryStream _record = new();
    private readonly BinaryWriter _writer;

    // Closed segments, oldest first, with the number of the last record each holds.
    private readonly Queue<(string Path, long Last)> _closed = new();
    private FileStream? _current;
    private long _currentLast;

    public SqliteJournal(string databasePath)
    {
        _prefix = databasePath + ".commits.";
        _writer = new BinaryWriter(_record, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Every whole record of every segment in order, stopping at the first torn or damaged frame.</summary>
    public List<JournalRecord> ReadAll()
    {
        var records = new List<JournalRecord>();
        foreach (var path in Segments())
        {
            var bytes = File.ReadAllBytes(path);
            var at = 0;
            while (bytes.Length - at >= FrameHeader)
            {
                var header = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
                var length = header & int.MaxValue;
                if (length <= 0 || length > bytes.Length - at - FrameHeader ||
                    Crc32.HashToUInt32(bytes.AsSpan(at + FrameHeader, length)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4)))
                {
                    return records;
                }

                // A compressed frame holds a whole batch; a plain one (an earlier version's) one record.
                var compressed = (header & CompressedFlag) != 0;
                var payload = compressed ? Decompress(bytes.AsSpan(at + FrameHeader, length)) : bytes.AsSpan(at + FrameHeader, length).ToArray();
                using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
                do
                {
                    records.Add(JournalRecord.ReadFrom(reader));
                }
                while (compressed && reader.BaseStream.Position < payload.Length);

                at += FrameHeader + length;
            }

            if (at != bytes.Length)
            {
                return records;
            }
        }

        return records;
    }

    /// <summary>Deletes every segment: their records are all in the tables (after a replay).</summary>
    public void DeleteAll()
    {
        _current?.Dispose();
        _current = null;
        _closed.Clear();
        foreach (var path in Segments())
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Appends the records in one write, and returns them as encoded for the writer to apply. If the write fails, the
    /// segment is cut back to where it was, so no later record can ever follow a partial one.
    /// </summary>
    public JournalBatch Append(IReadOnlyList<JournalRecord> records)
    {
        _record.SetLength(0);
        foreach (var record in records)
        {
            record.WriteTo(_writer);
        }

        _writer.Flush();
        var plain = _record.GetBuffer().AsSpan(0, (int)_record.Length);

        // One frame for the batch: length (top bit: compressed), CRC-32, then the records' length and their compressed bytes.
        _buffer.SetLength(FrameHeader + 4 + BrotliEncoder.GetMaxCompressedLength(plain.Length));
        var frame = _buffer.GetBuffer().AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(frame[FrameHeader..], plain.Length);
        if (!BrotliEncoder.TryCompress(plain, frame[(FrameHeader + 4)..], out var compressed, Quality, Window))
        {
            throw new InvalidOperationException("Journal records did not compress into their maximum compressed length.");
        }

        var length = 4 + compressed;
        _buffer.SetLength(FrameHeader + length);
        BinaryPrimitives.WriteInt32LittleEndian(frame, length | CompressedFlag);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.HashToUInt32(frame.Slice(FrameHeader, length)));

        if (_current is null || _current.Length >= SegmentBytes)
        {
            if (_current is not null)
            {
                _closed.Enqueue((_current.Name, _currentLast));
                _current.Dispose();
            }

            _current = new FileStream($"{_prefix}{records[0].Number:D20}", FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
            _current.Position = _current.Length;
        }

        var end = _current.Position;
        try
        {
            _current.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }
        catch
        {
            _current.SetLength(end);
            throw;
        }

        _currentLast = records[^1].Number;
        return new JournalBatch(_record.GetBuffer().AsSpan(0, (int)_record.Length), records.Count);
    }

    /// <summary>The tables hold every record up to <paramref name="applied"/>: segments with nothing newer go.</summary>
    public void Release(long applied)
    {
        while (_closed.TryPeek(out var segment) && segment.Last <= applied)
        {
            File.Delete(segment.Path);
            _closed.Dequeue();
        }

        if (_current is not null && _closed.Count == 0 && _currentLast <= applied)
        {
            _current.SetLength(0);
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _writer.Dispose();
        _record.Dispose();
        _buffer.Dispose();
    }

    /// <summary>A compressed payload: its records' length, then their Brotli bytes (whole, since the CRC matched).</summary>
    private static byte[] Decompress(ReadOnlySpan<byte> payload)
    {
        var records = new byte[BinaryPrimitives.ReadInt32LittleEndian(payload)];
        if (!BrotliDecoder.TryDecompress(payload[4..], records, out var written) || written != records.Length)
        {
            throw new InvalidDataException("A journal frame with a valid checksum did not decompress.");
        }

        return records;
    }

    private IEnumerable<string> Segments()
    {
        var folder = Path.GetDirectoryName(_prefix)!;
        var name = Path.GetFileName(_prefix);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, name + "*").Where(p => Path.GetFileName(p).Length == name.Length + 20).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
