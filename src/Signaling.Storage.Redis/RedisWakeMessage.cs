using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Storage.Redis;

/// <summary>
/// What the commit script publishes, line by line: the number of invitation copies the commit's stored bodies left out
/// (see <see cref="LoggedEvents"/>), those copies, then the events it appended, six lines each — recipient, sequence,
/// expiry (ms), durable (0/1), the stored body, and the number of its left-out copy (empty for none). Copies and bodies
/// are compact JSON and so hold no line break.
/// </summary>
internal static class RedisWakeMessage
{
    /// <summary>One appended event; its body is decoded only when a node keeps it.</summary>
    public readonly record struct Appended(
        string Recipient, long Sequence, long ExpiresAtMs, bool Durable, ReadOnlyMemory<byte> Body, Copies Copies, int Copy)
    {
        public SignalingEvent Decode()
        {
            var decoded = RedisEventLog.Decode(Body.Span, Sequence, Durable, ExpiresAtMs);
            return Copy == 0 ? decoded : decoded with { Invitation = Copies.Get(Copy) };
        }
    }

    /// <summary>A message's invitation copies, each decoded once, when the first event that has it is kept.</summary>
    public sealed class Copies(ReadOnlyMemory<byte>[] json)
    {
        private readonly InvitationView?[] _decoded = new InvitationView?[json.Length];

        public InvitationView Get(int number) =>
            _decoded[number - 1] ??= JsonSerializer.Deserialize(json[number - 1].Span, CoreJson.Default.InvitationView)!;
    }

    public static List<Appended> Read(ReadOnlyMemory<byte> message)
    {
        var rest = message;
        var json = new ReadOnlyMemory<byte>[Number(NextLine(ref rest).Span)];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = NextLine(ref rest);
        }

        var copies = new Copies(json);
        var appended = new List<Appended>();
        while (!rest.IsEmpty)
        {
            var recipient = Encoding.UTF8.GetString(NextLine(ref rest).Span);
            var sequence = Number(NextLine(ref rest).Span);
            var expiresAtMs = Number(NextLine(ref rest).Span);
            var durable = Number(NextLine(ref rest).Span) == 1;
            var body = NextLine(ref rest);
            var copy = NextLine(ref rest);
            appended.Add(new Appended(recipient, sequence, expiresAtMs, durable, body, copies, copy.IsEmpty ? 0 : (int)Number(copy.Span)));
        }

        return appended;
    }

    private static long Number(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long value, out var used) && used == digits.Length
            ? value
            : throw new FormatException("A wake message's number is not one.");

    private static ReadOnlyMemory<byte> NextLine(ref ReadOnlyMemory<byte> rest)
    {
        var end = rest.Span.IndexOf((byte)'\n');
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        return line;
    }
}
