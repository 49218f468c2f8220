using System.Text.Json;

namespace Signaling.Adapters.Tencent;

/// <summary>
/// Conventions of Tencent's call kit (TUICallKit) carried in signaling <c>data</c>. Tencent has no hang-up: the kit
/// ends a call by sending the peer (or the group) a new invite, timeout 0, whose data holds <c>call_end</c> and
/// <c>data.cmd = "hangup"</c> (TUICallKit <c>TSignalingClient.js</c> <c>lastOneHangup</c>); a busy callee rejects
/// with <c>line_busy</c> in its data.
/// </summary>
public static class TencentCallKit
{
    public static bool IsHangUp(string? data)
    {
        if (string.IsNullOrEmpty(data) || data[0] != '{')
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            return root.TryGetProperty("call_end", out _)
                   || root.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.Object
                   && inner.TryGetProperty("cmd", out var cmd) && cmd.ValueKind == JsonValueKind.String && cmd.GetString() == "hangup";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
