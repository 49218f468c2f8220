using System.Text.Json.Serialization;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>
/// The parameters of the channel methods (signalingCreate, signalingDelay, signalingClose, signalingJoin, signalingLeave,
/// signalingCreateAndJoin, signalingGetChannelInfo), by the web SDK's names; each method reads the ones it documents.
/// </summary>
public sealed record ChannelParams
{
    /// <summary>1 audio, 2 video, 3 custom.</summary>
    public int? Type { get; init; }

    public string? ChannelName { get; init; }

    public string? ChannelId { get; init; }

    public string? Ext { get; init; }

    public string? AttachExt { get; init; }

    /// <summary>&gt; 0 is kept; otherwise the server picks one unique in the channel.</summary>
    [JsonConverter(typeof(UidConverter))]
    public long? Uid { get; init; }

    public bool? OfflineEnabled { get; init; }

    /// <summary>The media room to mint a NERTC token for (default: the channel's name), and the token's ttl in seconds.</summary>
    public string? NertcChannelName { get; init; }

    public long? NertcTokenTtl { get; init; }

    [JsonIgnore]
    public NertcRequest Nertc => new(NertcChannelName, NertcTokenTtl);
}
