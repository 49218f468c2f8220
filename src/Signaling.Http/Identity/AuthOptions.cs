using System.ComponentModel.DataAnnotations;

namespace Signaling.Http.Identity;

/// <summary>Configuration section <c>Auth</c>: the canonical API's JWT bearer tokens (HS256).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The HMAC key; at least 32 characters. Change it outside development.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "signaling-gateway";

    /// <summary>How long tokens minted by the CLI and the development endpoint last.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
