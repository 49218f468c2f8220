using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Signaling.Storage.Sqlite;

/// <summary>
/// Every lookup key the database has held a value under, as a Bloom filter that grows a layer at a time: a key it has
/// not seen is absent, known without reading the file. That is the read every invite made for its new client request
/// id. A key it may have seen (~1% of unseen ones per full layer, besides those seen) is read as before. Until
/// <see cref="MarkLoaded"/> it answers "may have" for every key: the keys in the table at start-up are added by a
/// background scan, and every commit adds its own (<see cref="SqliteCache.Committed"/>). Removed keys stay in it. It
/// costs ~1.25 bytes per key ever stored (two per invite: its request id and its room).
/// </summary>
public sealed class LookupKeyFilter
{
    private const int BitsPerKey = 10;
    private const int Probes = 7;
    private const int FirstCapacity = 1 << 16;
    private readonly Lock _adding = new();
    private Layer[] _layers = [new Layer(FirstCapacity)];
    private volatile bool _loaded;

    public bool Loaded => _loaded;

    /// <summary>Every key in the table has been added: from now on "not seen" means absent.</summary>
    public void MarkLoaded() => _loaded = true;

    public void Add(string key)
    {
        var hash = Hash(key);
        lock (_adding)
        {
            var layer = _layers[^1];
            if (layer.Count >= layer.Capacity)
            {
                layer = new Layer(layer.Capacity * 2);
                Volatile.Write(ref _layers, [.. _layers, layer]);
            }

            layer.Add(hash);
        }
    }

    /// <summary>False only for a key that never held a value here (once loaded).</summary>
    public bool MayContain(string key)
    {
        if (!_loaded)
        {
            return true;
        }

        var hash = Hash(key);
        foreach (var layer in Volatile.Read(ref _layers))
        {
            if (layer.MayContain(hash))
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Hash(string key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan()));

    private sealed class Layer(int capacity)
    {
        private readonly long[] _bits = new long[(long)capacity * BitsPerKey / 64 + 1];

        public int Capacity => capacity;

        public int Count { get; private set; }

        public void Add(ulong hash)
        {
            for (var i = 0; i < Probes; i++)
            {
                var bit = Bit(hash, i);
                Interlocked.Or(ref _bits[bit >> 6], 1L << (int)(bit & 63));
            }

            Count++;
        }

        public bool MayContain(ulong hash)
        {
            for (var i = 0; i < Probes; i++)
            {
                var bit = Bit(hash, i);
                if ((Volatile.Read(ref _bits[bit >> 6]) & (1L << (int)(bit & 63))) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        // Double hashing: probe i is h1 + i·h2 over the layer's bits.
        private ulong Bit(ulong hash, int i) => ((uint)hash + (ulong)i * ((hash >> 32) | 1)) % ((ulong)_bits.Length * 64);
    }
}
