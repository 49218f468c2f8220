using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Signaling.Adapters.Agora.Auth;

/// <summary>
/// Agora's SignalingToken (reference B.2): <c>1:appId:expiredTs:md5(account + appId + appCertificate + expiredTs)</c>,
/// expiredTs in Unix seconds, the MD5 in lowercase hex.
/// </summary>
public static class SignalingToken
{
    public const int Ok = 0;
    public const int Expired = 204;
    public const int Wrong = 206;
    public const string NoNeedToken = "_no_need_token";

    public static string Create(string account, string appId, string appCertificate, long expiredTs) =>
        string.Create(CultureInfo.InvariantCulture, $"1:{appId}:{expiredTs}:{Md5(account, appId, appCertificate, expiredTs)}");

    /// <summary>0 when the token is good for <paramref name="account"/>; 206 when it is not this app's or its md5 is wrong; 204 when it has expired.</summary>
    public static int Verify(string? token, string account, string appId, string appCertificate, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(appCertificate))
        {
            return Ok; // No certificate configured: tokens are not checked (Agora's test mode).
        }

        var parts = token?.Split(':');
        if (parts is not ["1", var id, var ts, var md5] || id != appId || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var expiredTs))
        {
            return Wrong;
        }

        var expected = Encoding.ASCII.GetBytes(Md5(account, appId, appCertificate, expiredTs));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(md5.ToLowerInvariant())))
        {
            return Wrong;
        }

        return expiredTs < now.ToUnixTimeSeconds() ? Expired : Ok;
    }

    private static string Md5(string account, string appId, string appCertificate, long expiredTs) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{account}{appId}{appCertificate}{expiredTs}"))));
}
