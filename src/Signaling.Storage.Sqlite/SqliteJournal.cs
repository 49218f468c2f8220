using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// The commit journal beside the database file (<c>&lt;file&gt;.commits</c>). A batch of commits is one write to the end
/// of the file, after which they are acknowledged: a write the kernel has taken survives the process being killed. Each
/// record is framed as length, CRC-32 and payload, so a tail torn by a power cut is recognised and left out on
/// replay. Once the writer has copied every record into the tables, the file is emptied.
/// </summary>
internal sealed class SqliteJournal : IDisposable
{
    private const int FrameHeader = 8;
    private readonly FileStream _file;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public SqliteJournal(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);
    }

    public string Path { get; }

    /// <summary>Every whole record from the start of the file, stopping at the first torn or damaged one.</summary>
    public List<JournalRecord> ReadAll()
    {
        _file.Position = 0;
        var bytes = new byte[_file.Length];
        _file.ReadExactly(bytes);
        var records = new List<JournalRecord>();
        var at = 0;
        while (bytes.Length - at >= FrameHeader)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            if (length <= 0 || length > bytes.Length - at - FrameHeader)
            {
                break;
            }

            var payload = bytes.AsMemory(at + FrameHeader, length);
            if (Crc32.HashToUInt32(payload.Span) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4)))
            {
                break;
            }

            using var reader = new BinaryReader(new MemoryStream(bytes, at + FrameHeader, length, writable: false), Encoding.UTF8);
            records.Add(JournalRecord.ReadFrom(reader));
            at += FrameHeader + length;
        }

        _file.Position = _file.Length;
        return records;
    }

    /// <summary>
    /// Appends the records in one write. If the write fails, the file is cut back to where it was, so no later
    /// record can ever follow a partial one.
    /// </summary>
    public void Append(IEnumerable<JournalRecord> records)
    {
        _buffer.SetLength(0);
        foreach (var record in records)
        {
            var start = (int)_buffer.Length;
            _buffer.Position = start + FrameHeader;
            record.WriteTo(_writer);
            _writer.Flush();
            var length = (int)_buffer.Length - start - FrameHeader;
            var frame = _buffer.GetBuffer().AsSpan(start);
            BinaryPrimitives.WriteInt32LittleEndian(frame, length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.HashToUInt32(frame.Slice(FrameHeader, length)));
        }

        var end = _file.Position;
        try
        {
            _file.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }
        catch
        {
            _file.SetLength(end);
            _file.Position = end;
            throw;
        }
    }

    /// <summary>Empties the file: every record in it is in the tables now.</summary>
    public void Clear()
    {
        _file.SetLength(0);
        _file.Position = 0;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
        _file.Dispose();
    }
}
