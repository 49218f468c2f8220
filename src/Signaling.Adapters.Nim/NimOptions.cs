using System.ComponentModel.DataAnnotations;

namespace Signaling.Adapters.Nim;

/// <summary>Configuration section <c>Adapters:Nim</c>.</summary>
public sealed class NimOptions
{
    public const string Section = "Adapters:Nim";

    /// <summary>The application's AppKey: clients send it in <c>X-NIM-AppKey</c>, the server API in <c>AppKey</c>.</summary>
    [Required, MinLength(1)]
    public string AppKey { get; set; } = "";

    /// <summary>The AppSecret behind CheckSums and dynamic tokens.</summary>
    [Required, MinLength(1)]
    public string AppSecret { get; set; } = "";

    /// <summary>How long an invitation can be answered or cancelled (NIM: 90 s); after that the answer is 10408.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InviteValidity { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a server-API CheckSum stays valid after its CurTime (NIM: 5 minutes).</summary>
    public TimeSpan CheckSumLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The ttl of dynamic tokens minted by the token command.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// NetEase RTC (NERTC): when set, joins hand back the basic token the call kit joins the media room with
    /// (<c>nertcToken</c>, <c>nertcTokenTtl</c>); without it those fields are absent.
    /// </summary>
    public NertcOptions? Nertc { get; set; }
}

/// <summary>Configuration section <c>Adapters:Nim:Nertc</c>.</summary>
public sealed class NertcOptions
{
    /// <summary>The RTC app's AppKey; empty means the NIM AppKey (NetEase apps share one).</summary>
    public string AppKey { get; set; } = "";

    /// <summary>The RTC app's AppSecret; empty turns media tokens off.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>A token's ttl when the request names none (NetEase: at most 24 h).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(1);
}
