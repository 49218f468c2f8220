using System.Text.Json.Serialization;

namespace Signaling.Adapters.Agora.Requests;

/// <summary>
/// The parameters of the SDK's methods, by the SDK's names (peer, msg, msgID, channelID, name, value, account, extra,
/// dtmf); each method reads the ones it documents.
/// </summary>
public sealed record AgoraParams
{
    public string? Peer { get; init; }

    public string? Msg { get; init; }

    public string? MsgID { get; init; }

    public string? ChannelID { get; init; }

    public string? Account { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }

    /// <summary>The call's extra: a JSON object as text, with the SDK's keys <c>_require_peer_online</c> and <c>_timeout</c>.</summary>
    public string? Extra { get; init; }

    public string? Dtmf { get; init; }

    /// <summary>The other user of a message or call: the Web SDK names it <c>peer</c>, the native API <c>account</c> (audit A-2).</summary>
    [JsonIgnore]
    public string? PeerOrAccount => Peer ?? Account;
}
