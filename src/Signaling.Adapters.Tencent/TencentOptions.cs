using System.ComponentModel.DataAnnotations;

namespace Signaling.Adapters.Tencent;

/// <summary>Configuration section <c>Adapters:Tencent</c>.</summary>
public sealed class TencentOptions
{
    public const string Section = "Adapters:Tencent";

    /// <summary>The SDKAppID UserSigs must be issued for.</summary>
    [Range(1, long.MaxValue)]
    public long SdkAppId { get; set; }

    /// <summary>The app's secret key; its UTF-8 bytes are the HMAC key (TLSSigAPIv2).</summary>
    [Required, MinLength(1)]
    public string SecretKey { get; set; } = "";

    /// <summary>Lifetime of UserSigs minted by the token CLI.</summary>
    public TimeSpan UserSigLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>A listener that connects without a cursor first gets the events of this last stretch of time.</summary>
    public TimeSpan ListenerCatchUp { get; set; } = TimeSpan.FromMinutes(5);
}
