using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Adapters.OpenIM.Callbacks;
using Signaling.Adapters.OpenIM.Requests;

namespace Signaling.Adapters.OpenIM;

/// <summary>Source-generated JSON for the OpenIM surface; camelCase gives OpenIM's names (opUserID, inviteeUserIDList, roomID, …).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignalRequest))]
[JsonSerializable(typeof(GetRoomByGroupIDRequest))]
[JsonSerializable(typeof(GetTokenByRoomIDRequest))]
[JsonSerializable(typeof(RtcInvitationInfoRequest))]
[JsonSerializable(typeof(UserTokenRequest))]
[JsonSerializable(typeof(GetUserTokenRequest))]
[JsonSerializable(typeof(OpenIMEnvelope<object>))]
[JsonSerializable(typeof(OpenIMEnvelope<InviteReply>))]
[JsonSerializable(typeof(OpenIMEnvelope<RoomToken>))]
[JsonSerializable(typeof(OpenIMEnvelope<GroupRoom>))]
[JsonSerializable(typeof(OpenIMEnvelope<PendingInvitation>))]
[JsonSerializable(typeof(OpenIMEnvelope<UserTokenReply>))]
[JsonSerializable(typeof(OpenIMEnvelope<UserTokenV2Reply>))]
[JsonSerializable(typeof(OpenIMEnvelope<Empty>))]
[JsonSerializable(typeof(SignalCallback))]
[JsonSerializable(typeof(RoomParticipants))]
public sealed partial class OpenIMJson : JsonSerializerContext
{
    /// <summary>What goes on the wire: strings stay readable (this is JSON, not HTML).</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same contract with <see cref="Wire"/>'s settings, for event frames: JSON inside strings (custom data) stays readable.</summary>
    public static OpenIMJson Frames { get; } = new(new JsonSerializerOptions(Wire) { TypeInfoResolver = null });
}
