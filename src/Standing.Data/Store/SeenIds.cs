namespace Standing.Data.Store;

/// <summary>
/// The ids a load without the id index has written, as a fixed-size Bloom filter (32 MiB, three probes):
/// "not seen" is certain, "maybe seen" is not. A load defers the maybe-seen events until the index is
/// built, and they are judged against the store then; a false "maybe" only costs a deferral. At 13 million
/// ids about one in 400 new ids is deferred for nothing; at 1.3 million, about one in 40,000.
/// </summary>
internal sealed class SeenIds
{
    private const int Bits = 1 << 28;

    private readonly ulong[] _words = new ulong[Bits / 64];

    public bool MayContain(string id)
    {
        var (a, b) = Probes(id);
        for (var k = 0; k < 3; k++)
        {
            var bit = (a + ((uint)k * b)) & (Bits - 1);
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    public void Add(string id)
    {
        var (a, b) = Probes(id);
        for (var k = 0; k < 3; k++)
        {
            var bit = (a + ((uint)k * b)) & (Bits - 1);
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>Two 32-bit halves of a 64-bit hash of the id (FNV-1a, then a finalizer that mixes every bit).</summary>
    private static (uint A, uint B) Probes(string id)
    {
        var h = 14695981039346656037UL;
        foreach (var c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return ((uint)h, (uint)(h >> 32) | 1);
    }
}
