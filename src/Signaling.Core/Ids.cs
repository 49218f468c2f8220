using System.Security.Cryptography;

namespace Signaling.Core;

/// <summary>Server-made ids: 32 lowercase hex characters, unguessable.</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
