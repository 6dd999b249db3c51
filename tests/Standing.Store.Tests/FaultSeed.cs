using System.Globalization;

namespace Standing.Store.Tests;

/// <summary>
/// The seed of the fault tests' random kill points. Fixed, so every CI run kills at the same points and
/// a failure reproduces; <c>STANDING_FAULT_SEED</c> picks others (e.g. a loop over seeds to search for a
/// bad one). Each test mixes in its own salt, so tests sharing a seed do not kill in step. Failures name
/// the seed.
/// </summary>
internal static class FaultSeed
{
    public const int Default = 16;

    public static int Value =>
        int.TryParse(Environment.GetEnvironmentVariable("STANDING_FAULT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : Default;

    /// <summary>The random source of one test: the seed mixed with the test's <paramref name="salt"/>.</summary>
    public static Random For(string salt) => new(HashCode.Combine(Value, Stable(salt)));

    // string.GetHashCode differs from run to run; this one does not.
    private static int Stable(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked((hash * 31) + c);
        return hash;
    }
}
