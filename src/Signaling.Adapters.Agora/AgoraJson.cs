using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Adapters.Agora.Callbacks;
using Signaling.Adapters.Agora.Requests;

namespace Signaling.Adapters.Agora;

/// <summary>Source-generated JSON for the Agora surface; camelCase gives the SDK's names (channelID, msgID, deviceID, …).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgoraParams))]
[JsonSerializable(typeof(LoginParams))]
[JsonSerializable(typeof(InvokeParams))]
[JsonSerializable(typeof(AgoraCallback))]
[JsonSerializable(typeof(LoginReply))]
[JsonSerializable(typeof(AgoraEnvelope<object>))]
[JsonSerializable(typeof(AgoraEnvelope<LoginReply>))]
[JsonSerializable(typeof(LoginEnvelope))]
[JsonSerializable(typeof(List<object[]>))]
[JsonSerializable(typeof(AgoraEnvelope<Dictionary<string, object>>))]
[JsonSerializable(typeof(AgoraEnvelope<int>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class AgoraJson : JsonSerializerContext
{
    /// <summary>What goes on the wire: strings stay readable (this is JSON, not HTML).</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same contract with <see cref="Wire"/>'s settings, for event frames: JSON inside strings (custom data) stays readable.</summary>
    public static AgoraJson Frames { get; } = new(new JsonSerializerOptions(Wire) { TypeInfoResolver = null });
}

/// <summary>login's answer: the session to send as <c>X-Agora-Session</c>, and uid 0.</summary>
public sealed record LoginReply(string Session, int Uid);

/// <summary>
/// login answers the envelope with the session also at the top level, <c>{ecode: 0, session, uid: 0, result: {session, uid}}</c>,
/// since the SDK's login hands back the session itself.
/// </summary>
public sealed record LoginEnvelope(int Ecode, string Session, int Uid, LoginReply Result)
{
    public static Microsoft.AspNetCore.Http.IResult Ok(string session) =>
        Microsoft.AspNetCore.Http.TypedResults.Json(new LoginEnvelope(0, session, 0, new LoginReply(session, 0)), Wire);

    private static JsonSerializerOptions Wire => AgoraJson.Wire;
}
