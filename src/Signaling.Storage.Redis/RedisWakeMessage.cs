using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;

namespace Signaling.Storage.Redis;

/// <summary>
/// What the commit script publishes: the events it appended, six lines each — recipient, sequence, expiry (ms),
/// durable (0/1), the stored body, and the invitation's copy the stored body left out (empty when it left none out,
/// see <see cref="LoggedEvents"/>). Both are compact JSON and so hold no line break.
/// </summary>
internal static class RedisWakeMessage
{
    /// <summary>One appended event; its body is decoded only when a node keeps it.</summary>
    public readonly record struct Appended(
        string Recipient, long Sequence, long ExpiresAtMs, bool Durable, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Invitation)
    {
        public SignalingEvent Decode()
        {
            var decoded = RedisEventLog.Decode(Body.Span, Sequence, Durable, ExpiresAtMs);
            return Invitation.IsEmpty ? decoded : decoded with { Invitation = JsonSerializer.Deserialize(Invitation.Span, CoreJson.Default.InvitationView) };
        }
    }

    public static List<Appended> Read(ReadOnlyMemory<byte> message)
    {
        var appended = new List<Appended>();
        var rest = message;
        while (!rest.IsEmpty)
        {
            var recipient = Encoding.UTF8.GetString(NextLine(ref rest).Span);
            var sequence = Number(NextLine(ref rest).Span);
            var expiresAtMs = Number(NextLine(ref rest).Span);
            var durable = Number(NextLine(ref rest).Span) == 1;
            appended.Add(new Appended(recipient, sequence, expiresAtMs, durable, NextLine(ref rest), NextLine(ref rest)));
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
