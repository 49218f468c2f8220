using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Adapters.Nim.Auth;
using Signaling.Adapters.Nim.Replies;
using Signaling.Adapters.Nim.Requests;

namespace Signaling.Adapters.Nim;

/// <summary>Source-generated JSON for the NIM surface; camelCase gives the web SDK's names (channelId, requestId, attachExt, …).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChannelParams))]
[JsonSerializable(typeof(InviteParams))]
[JsonSerializable(typeof(ControlParams))]
[JsonSerializable(typeof(MarkReadParams))]
[JsonSerializable(typeof(DynamicToken))]
[JsonSerializable(typeof(NimNotify))]
[JsonSerializable(typeof(List<NimNotify>))]
[JsonSerializable(typeof(List<NimChannel>))]
[JsonSerializable(typeof(NimEnvelope<object>))]
[JsonSerializable(typeof(NimEnvelope<NimChannel>))]
[JsonSerializable(typeof(NimEnvelope<List<NimNotify>>))]
[JsonSerializable(typeof(NimServerEnvelope<object>))]
[JsonSerializable(typeof(NimServerEnvelope<NimServerRoom>))]
[JsonSerializable(typeof(NimServerEnvelope<NimUserInfo>))]
public sealed partial class NimJson : JsonSerializerContext
{
    /// <summary>What goes on the wire: strings stay readable (this is JSON, not HTML).</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same contract with <see cref="Wire"/>'s settings, for event frames: JSON inside strings (custom data) stays readable.</summary>
    public static NimJson Frames { get; } = new(new JsonSerializerOptions(Wire) { TypeInfoResolver = null });
}
