using System.Text.Json;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>signalingMarkMsgRead: <c>msgid</c> is one id or an array of them (strings or numbers, as the SDK hands them out).</summary>
public sealed record MarkReadParams(JsonElement Msgid)
{
    /// <summary>The ids as event sequence numbers, or null when one of them is not a msgid this gateway gave out.</summary>
    public IReadOnlyList<long>? Ids()
    {
        var items = Msgid.ValueKind == JsonValueKind.Array ? Msgid.EnumerateArray().ToList() : [Msgid];
        var ids = new List<long>();
        foreach (var item in items)
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Number => item.GetRawText(),
                _ => null,
            };
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.Count > 0 ? ids : null;
    }
}
