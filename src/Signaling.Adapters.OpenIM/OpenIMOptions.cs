using System.ComponentModel.DataAnnotations;

namespace Signaling.Adapters.OpenIM;

/// <summary>Configuration section <c>Adapters:OpenIM</c>.</summary>
public sealed class OpenIMOptions
{
    public const string Section = "Adapters:OpenIM";

    /// <summary>The HS256 secret OpenIM tokens are signed with (v3 <c>secret</c>, v2 <c>tokenpolicy.accessSecret</c>).</summary>
    [Required, MinLength(1)]
    public string Secret { get; set; } = "";

    /// <summary>Lifetime of tokens issued by the auth endpoints and the CLI (OpenIM's default: 90 days).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>"v3" (default) or "v2": which generation of OpenIM error codes to answer with.</summary>
    [RegularExpression("^v[23]$")]
    public string ErrorCodes { get; set; } = "v3";

    /// <summary>Users whose tokens may call <c>/auth/get_user_token</c> (besides the admin platform, 10).</summary>
    public List<string> AdminUserIds { get; set; } = [];

    /// <summary>When set, invite and accept answer with a LiveKit access token for the room and its URL.</summary>
    public LiveKitOptions? LiveKit { get; set; }
}

public sealed class LiveKitOptions
{
    public string Url { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string ApiSecret { get; set; } = "";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);
}
