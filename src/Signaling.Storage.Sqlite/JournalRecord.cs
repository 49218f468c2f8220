using Signaling.Core.Webhooks;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// One acknowledged commit as the journal keeps it: already checked, carrying the versions, sequence numbers and
/// values it decided, so replaying it only writes rows and never decides anything again.
/// </summary>
internal sealed class JournalRecord
{
    public long Number { get; set; }

    public List<AggregateRow> Aggregates { get; } = [];

    /// <summary>Lookup keys in the order written; a null value removes the key.</summary>
    public List<(string Key, string? Value)> Lookups { get; } = [];

    public List<EventRow> Events { get; } = [];

    /// <summary>Invitation id → when its timeout is due, in the order written; a null due time cancels it.</summary>
    public List<(string InvitationId, long? DueAtMs)> Timeouts { get; } = [];

    /// <summary>Scopes whose non-durable events may go at the given time (applied after this record's events).</summary>
    public List<(string Scope, long UntilMs)> ExpireScopes { get; } = [];

    public List<WebhookMessage> Outbox { get; } = [];

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Number);
        writer.Write(Aggregates.Count);
        foreach (var row in Aggregates)
        {
            writer.Write(row.Kind);
            writer.Write(row.Id);
            writer.Write(row.Version);
            WriteUtf8(writer, row.Body);
        }

        writer.Write(Lookups.Count);
        foreach (var (key, value) in Lookups)
        {
            writer.Write(key);
            WriteNullable(writer, value);
        }

        writer.Write(Events.Count);
        foreach (var row in Events)
        {
            writer.Write(row.UserId);
            writer.Write(row.Sequence);
            WriteNullable(writer, row.Scope);
            writer.Write(row.Durable);
            writer.Write(row.ExpiresAtMs);
            WriteUtf8(writer, row.Body);
        }

        writer.Write(Timeouts.Count);
        foreach (var (invitationId, dueAt) in Timeouts)
        {
            writer.Write(invitationId);
            writer.Write(dueAt ?? -1);
        }

        writer.Write(ExpireScopes.Count);
        foreach (var (scope, until) in ExpireScopes)
        {
            writer.Write(scope);
            writer.Write(until);
        }

        writer.Write(Outbox.Count);
        foreach (var m in Outbox)
        {
            writer.Write(m.Endpoint);
            writer.Write(m.Id);
            writer.Write(m.Type);
            writer.Write(m.OrderKey);
            writer.Write(m.CreatedAt.ToUnixTimeMilliseconds());
            writer.Write(m.Body);
        }
    }

    public static JournalRecord ReadFrom(BinaryReader reader)
    {
        var record = new JournalRecord { Number = reader.ReadInt64() };
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Aggregates.Add(new AggregateRow(reader.ReadString(), reader.ReadString(), reader.ReadInt64(), ReadUtf8(reader)));
        }

        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Lookups.Add((reader.ReadString(), ReadNullable(reader)));
        }

        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Events.Add(new EventRow(reader.ReadString(), reader.ReadInt64(), ReadNullable(reader), reader.ReadBoolean(), reader.ReadInt64(), ReadUtf8(reader)));
        }

        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var id = reader.ReadString();
            var due = reader.ReadInt64();
            record.Timeouts.Add((id, due < 0 ? null : due));
        }

        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.ExpireScopes.Add((reader.ReadString(), reader.ReadInt64()));
        }

        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Outbox.Add(new WebhookMessage(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64()), reader.ReadString()));
        }

        return record;
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    // Laid out as BinaryWriter lays out a string (7-bit length, then UTF-8), so journals written either way read alike.
    private static void WriteUtf8(BinaryWriter writer, byte[] utf8)
    {
        writer.Write7BitEncodedInt(utf8.Length);
        writer.Write(utf8);
    }

    private static byte[] ReadUtf8(BinaryReader reader) => reader.ReadBytes(reader.Read7BitEncodedInt());
}

/// <summary>An aggregate as stored: the version it has after the commit, and its JSON (UTF-8).</summary>
internal sealed record AggregateRow(string Kind, string Id, long Version, byte[] Body);

/// <summary>An event as stored in its recipient's log; the body is the JSON written before the sequence was known.</summary>
internal sealed record EventRow(string UserId, long Sequence, string? Scope, bool Durable, long ExpiresAtMs, byte[] Body);
