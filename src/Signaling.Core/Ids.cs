using System.Security.Cryptography;

namespace Signaling.Core;

/// <summary>Server-made ids: 32 lowercase hex characters, unguessable (at least 74 random bits).</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// An id that sorts by creation time (a version-7 UUID as 32 hex digits: a millisecond timestamp, then 74 random bits),
    /// for records a store indexes by id: new ones land beside each other, not on a random page each.
    /// </summary>
    public static string Sequential() => Convert.ToHexStringLower(Guid.CreateVersion7().ToByteArray(bigEndian: true));
}
