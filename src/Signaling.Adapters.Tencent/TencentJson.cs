using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Adapters.Tencent.Callbacks;
using Signaling.Adapters.Tencent.Requests;

namespace Signaling.Adapters.Tencent;

/// <summary>Source-generated JSON for the Tencent surface. camelCase gives the SDK's names (inviteID, groupID, msgID, …).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(InviteRequest))]
[JsonSerializable(typeof(InviteInGroupRequest))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(GetSignalingInfoRequest))]
[JsonSerializable(typeof(AddInvitedSignalingRequest))]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(TencentEnvelope<string>))]
[JsonSerializable(typeof(TencentEnvelope<object>))]
[JsonSerializable(typeof(TencentEnvelope<V2TimSignalingInfo>))]
[JsonSerializable(typeof(TencentEnvelope<TencentMessagePage>))]
[JsonSerializable(typeof(SignalingPayload))]
[JsonSerializable(typeof(OnReceiveNewInvitation))]
[JsonSerializable(typeof(OnInviteeAnswered))]
[JsonSerializable(typeof(OnInvitationCancelled))]
[JsonSerializable(typeof(OnInvitationTimeout))]
[JsonSerializable(typeof(OnInvitationModified))]
public sealed partial class TencentJson : JsonSerializerContext
{
    /// <summary>What goes on the wire: quotes and apostrophes stay readable inside strings (this is JSON, not HTML).</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same contract with <see cref="Wire"/>'s settings, for event frames: JSON inside strings (custom data) stays readable.</summary>
    public static TencentJson Frames { get; } = new(new JsonSerializerOptions(Wire) { TypeInfoResolver = null });
}
