namespace Signaling.Core;

/// <summary>Core rules that deployments may tune (configuration section <c>Signaling</c>).</summary>
public sealed class SignalingOptions
{
    public const string Section = "Signaling";

    /// <summary>How long durable events (offline-enabled invitations, peer messages) stay in a user's log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long non-durable events outlive the invitation or channel they belong to, so a reconnecting stream still gets them.</summary>
    public TimeSpan EndedGrace { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan DefaultChannelTtl { get; set; } = TimeSpan.FromHours(2);

    public int DefaultMemberLimit { get; set; } = 100;

    /// <summary>
    /// A connected call nobody hung up is ended by the server after this long (zero: never). Calls begun on a surface
    /// without a hang-up (Tencent) would otherwise keep their users busy for ever.
    /// </summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The longest invitation timeout accepted, in seconds (one day).</summary>
    public int MaxTimeoutSeconds { get; set; } = 86_400;
}
