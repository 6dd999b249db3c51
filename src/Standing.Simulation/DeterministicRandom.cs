namespace Standing.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, and the same numbers for a seed on every platform
/// and .NET version (unlike <see cref="Random"/>, whose seeded algorithm is an implementation detail).
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed) => Reseed(seed);

    /// <summary>A well-mixed seed for one stream, derived from the run's seed, an index and a purpose.</summary>
    public static ulong Derive(int seed, long index, ulong purpose)
    {
        var x = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL)
            ^ ((ulong)index * 0xC2B2AE3D27D4EB4FUL)
            ^ (purpose * 0x165667B19E3779F9UL));
        return SplitMix(ref x);
    }

    public void Reseed(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextULong()
    {
        var result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, max).</summary>
    public int Next(int max) => (int)(((NextULong() >> 32) * (ulong)max) >> 32);

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low, double high) => low + (NextDouble() * (high - low));

    /// <summary>Uniform whole number in [low, high) (low when the range is empty).</summary>
    public long Between(long low, long high) => high <= low ? low : low + (long)(NextDouble() * (high - low));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Poisson count: Knuth's product method for small means, a rounded normal above 30.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 30)
        {
            var n = Math.Round(mean + (Math.Sqrt(mean) * Normal()));
            return n < 0 ? 0 : (int)Math.Min(n, int.MaxValue);
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
