using Microsoft.Extensions.Configuration;

namespace Signaling.Http;

/// <summary>A surface whose vendor has its own token scheme; the host's token CLI mints them (<c>-- token --vendor &lt;name&gt; &lt;user&gt;</c>).</summary>
public interface IVendorTokens
{
    string Vendor { get; }

    /// <summary>A credential for <paramref name="userId"/>; <paramref name="deviceId"/> is the vendor's device notion when it has one.</summary>
    string IssueToken(IConfiguration configuration, string userId, string? deviceId, TimeProvider clock);

    /// <summary>The public application id a client sends beside the token (SDKAppID, AppKey, App ID), or null when there is none.</summary>
    string? ClientAppId(IConfiguration configuration);
}
