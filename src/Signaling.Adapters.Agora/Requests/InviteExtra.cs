using System.Text.Json;

namespace Signaling.Adapters.Agora.Requests;

/// <summary>The keys of a call's extra the server acts on (reference B.3): <c>_require_peer_online</c> (0/1) and <c>_timeout</c> (0–30 s).</summary>
public sealed record InviteExtra(bool RequirePeerOnline, int TimeoutSeconds)
{
    public const int MaxTimeout = 30;

    /// <summary>The keys, or an error naming what is wrong. Empty extra is an empty object; other keys are the app's own.</summary>
    public static (InviteExtra? Extra, string? Error) Parse(string? extra)
    {
        if (string.IsNullOrWhiteSpace(extra))
        {
            return (new InviteExtra(false, 0), null);
        }

        try
        {
            using var document = JsonDocument.Parse(extra);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "'extra' must be a JSON object.");
            }

            var online = Number(document.RootElement, "_require_peer_online");
            var timeout = Number(document.RootElement, "_timeout");
            if (online is not (null or 0 or 1))
            {
                return (null, "'extra._require_peer_online' is 0 or 1.");
            }

            return timeout is null or (>= 0 and <= MaxTimeout)
                ? (new InviteExtra(online == 1, timeout ?? 0), null)
                : (null, $"'extra._timeout' is 0–{MaxTimeout} seconds.");
        }
        catch (JsonException)
        {
            return (null, "'extra' must be a JSON object.");
        }
    }

    /// <summary>Whether the extra names a <c>_timeout</c>: its expiry is 704, a silent offline peer's 703.</summary>
    public static bool HasTimeout(string? extra) => Parse(extra).Extra is { TimeoutSeconds: > 0 };

    private static int? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(value.GetString(), out var n) => n,
                _ => -1,
            }
            : null;
}
