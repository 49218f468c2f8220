namespace Signaling.Adapters.Agora.Callbacks;

/// <summary>
/// The parameters of a callback, by the SDK's names (reference B.4); each callback carries the ones it has.
/// Every uid is 0, as in the SDK.
/// </summary>
public sealed record AgoraCallback
{
    public string? ChannelID { get; init; }

    public string? Account { get; init; }

    public int? Uid { get; init; }

    public string? Extra { get; init; }

    public int? Ecode { get; init; }

    public string? Msg { get; init; }

    public string? MsgType { get; init; }

    public string? MsgData { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }

    /// <summary>onChannelAttrUpdated: update, del or clear.</summary>
    public string? Type { get; init; }

    /// <summary>onChannelUserList (native): the accounts and their uids.</summary>
    public IReadOnlyList<string>? Accounts { get; init; }

    public IReadOnlyList<int>? Uids { get; init; }

    /// <summary>onChannelUserList (Web): <c>[[account, uid], …]</c>.</summary>
    public IReadOnlyList<object[]>? List { get; init; }

    public int? Fd { get; init; }
}
