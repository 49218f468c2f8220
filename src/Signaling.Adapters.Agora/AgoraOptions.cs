namespace Signaling.Adapters.Agora;

/// <summary>Configuration section <c>Adapters:Agora</c>.</summary>
public sealed class AgoraOptions
{
    public const string Section = "Adapters:Agora";

    /// <summary>The App ID SignalingTokens must name.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The App Certificate tokens are signed with. Empty: no token is checked and <c>_no_need_token</c> is accepted.</summary>
    public string AppCertificate { get; set; } = "";

    /// <summary>How long tokens minted by the token command are valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Messages a user may send per second (Agora: 60).</summary>
    public int UserMessagesPerSecond { get; set; } = 60;

    /// <summary>Messages a channel may carry per second (Agora: 200).</summary>
    public int ChannelMessagesPerSecond { get; set; } = 200;

    /// <summary>How long a call to an offline peer waits before it fails with 703, when it sets no <c>_timeout</c> (Agora: 20 s).</summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(20);
}
