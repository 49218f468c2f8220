using System.Text.Json;
using System.Text.Json.Nodes;
using Signaling.Core.Invitations;

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

    /// <summary>The call's TUICallKit type (1 audio, 2 video): the kit's own <c>call_type</c> when the call has one.</summary>
    private static int CallType(InvitationView call)
    {
        if (call.Data is ['{', ..])
        {
            try
            {
                using var json = JsonDocument.Parse(call.Data);
                if (json.RootElement.TryGetProperty("call_type", out var type) && type.ValueKind == JsonValueKind.Number && type.TryGetInt32(out var value))
                {
                    return value;
                }
            }
            catch (JsonException)
            {
                // Not the kit's data: the media type says.
            }
        }

        return call.MediaType == MediaType.Audio ? 1 : 2;
    }

    /// <summary>
    /// The data of the hang-up invite a Tencent app is sent when a call it is in ends: the call kit's own when one sent
    /// it, otherwise TUICallKit's shape (version 4, the call's type, <c>call_end</c>, <c>data.cmd = "hangup"</c>).
    /// </summary>
    public static string HangUpData(string? data, InvitationView call)
    {
        if (IsHangUp(data))
        {
            return data!;
        }

        var hangUp = new JsonObject
        {
            ["version"] = 4,
            ["businessID"] = "av_call",
            ["call_type"] = CallType(call),
            ["call_end"] = 0,
            ["data"] = new JsonObject { ["cmd"] = "hangup" },
        };
        return hangUp.ToJsonString();
    }
}
