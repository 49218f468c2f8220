using System.Security.Cryptography;
using System.Text;

namespace Signaling.Storage.Redis;

/// <summary>
/// A Lua script and its SHA1, computed once: sent by hash (EVALSHA) without StackExchange.Redis looking the text up in
/// its own cache on every call, which hashed the whole text each time (1.5% of a node's CPU at saturation).
/// </summary>
internal sealed class RedisScript(string text)
{
    public string Text { get; } = text;

    public byte[] Hash { get; } = SHA1.HashData(Encoding.UTF8.GetBytes(text));
}
