using Microsoft.Extensions.Configuration;

namespace Signaling.Http;

/// <summary>A surface whose vendor has its own token scheme; the host's token CLI mints them (<c>-- token --vendor &lt;name&gt; &lt;user&gt;</c>).</summary>
public interface IVendorTokens
{
    string Vendor { get; }

    string IssueToken(IConfiguration configuration, string userId, TimeProvider clock);
}
