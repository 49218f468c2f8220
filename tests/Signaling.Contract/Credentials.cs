using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Signaling.Adapters.Agora;
using Signaling.Adapters.Nim;
using Signaling.Adapters.OpenIM;
using Signaling.Adapters.Tencent;
using Signaling.Http;
using Signaling.Http.Identity;

namespace Signaling.Contract;

/// <summary>
/// The deployment's secrets, read as the gateway reads them — appsettings.json, then environment variables with the
/// same names (Auth__SigningKey, Adapters__Tencent__SecretKey, …) — so the kit mints the credentials a real app would hold.
/// </summary>
public sealed class Credentials(IConfiguration configuration)
{
    private readonly Dictionary<string, IVendorTokens> _vendors = new IVendorTokens[]
        { new TencentAdapter(), new OpenIMAdapter(), new NimAdapter(), new AgoraAdapter() }.ToDictionary(v => v.Vendor);

    public static Credentials Load(string? settingsFile)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        return new Credentials(builder.AddEnvironmentVariables().Build());
    }

    public IConfiguration Configuration => configuration;

    /// <summary>A canonical /v1 bearer token.</summary>
    public string V1Token(string userId, string? deviceId = null)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        return new TokenIssuer(Options.Create(auth), TimeProvider.System).Issue(userId, deviceId);
    }

    /// <summary>The vendor's own credential for <paramref name="userId"/>: a UserSig, an OpenIM token, a NIM token, an Agora SignalingToken.</summary>
    public string VendorToken(string vendor, string userId, string? deviceId = null) => _vendors[vendor].IssueToken(configuration, userId, deviceId, TimeProvider.System);

    public T Vendor<T>(string section) where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
