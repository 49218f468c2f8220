using System.Text.Json.Serialization;

namespace Signaling.Adapters.Tencent;

/// <summary>
/// A signaling message as the IM SDKs read it: a custom message whose data is the signaling JSON, in both models
/// (audit T-7) — the native/Flutter V2TimMessage (<c>elemType</c> 2, <c>customElem</c>, <c>seq</c> a String) and the
/// web one (<c>type</c> TIMCustomElem, <c>payload.data</c>). One action is one message, with the same msgID for everyone
/// it concerns.
/// </summary>
public sealed record TencentMessage(
    [property: JsonPropertyName("msgID")] string MsgID,
    [property: JsonPropertyName("seq")] string Seq,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("userID")] string? UserID,
    [property: JsonPropertyName("groupID")] string? GroupID,
    [property: JsonPropertyName("elemType")] int ElemType,
    [property: JsonPropertyName("customElem")] TencentCustomElem CustomElem)
{
    [JsonPropertyName("type")]
    public string Type => "TIMCustomElem";

    [JsonPropertyName("payload")]
    public TencentCustomPayload Payload => new(CustomElem.Data, CustomElem.Desc, CustomElem.Extension);
}

/// <summary>The web SDK's custom-message payload.</summary>
public sealed record TencentCustomPayload(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("extension")] string Extension);

public sealed record TencentCustomElem(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("desc")] string Desc,
    [property: JsonPropertyName("extension")] string Extension);

/// <summary>A page of messages, and the position to ask from next.</summary>
public sealed record TencentMessagePage(
    [property: JsonPropertyName("messages")] IReadOnlyList<TencentMessage> Messages,
    [property: JsonPropertyName("nextAfter")] long NextAfter);

/// <summary>The custom message's JSON, keys exactly and in the order of the SDK's wire format (reference A.5).</summary>
public sealed record SignalingPayload(
    [property: JsonPropertyName("businessID")] int BusinessID,
    [property: JsonPropertyName("inviteID")] string InviteID,
    [property: JsonPropertyName("groupID")] string GroupID,
    [property: JsonPropertyName("inviter")] string Inviter,
    [property: JsonPropertyName("inviteeList")] IReadOnlyList<string> InviteeList,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("timeout")] int Timeout,
    [property: JsonPropertyName("actionType")] int ActionType,
    [property: JsonPropertyName("onlineUserOnly")] bool OnlineUserOnly);
