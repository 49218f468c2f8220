using System.Security.Cryptography;
using System.Text;

namespace Signaling.Admin;

/// <summary>Configuration section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Shorter keys are refused at start: the key is the only thing between the internet and these operations.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The key operators send in <c>X-Admin-Key</c>. Empty (the default) turns the admin API off.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>What the logs call the key: the start of its SHA-256, so an action is traceable without revealing the key.</summary>
    public static string KeyId(string key) => "key-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
}
