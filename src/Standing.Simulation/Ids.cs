using System.Globalization;

namespace Standing.Simulation;

/// <summary>Builds ids like <c>e-shop-0001-17</c> from a cached prefix without format strings.</summary>
internal static class Ids
{
    public static string Make(string prefix, long number) =>
        string.Create(prefix.Length + Digits(number), (prefix, number), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            state.number.TryFormat(span[state.prefix.Length..], out _, default, CultureInfo.InvariantCulture);
        });

    public static int Digits(long number)
    {
        var digits = number < 0 ? 2 : 1;
        var n = Math.Abs(number);
        while (n >= 10)
        {
            n /= 10;
            digits++;
        }
        return digits;
    }

    /// <summary>The seller id of the seller at a 0-based index: <c>shop-0001</c>, padded to the widest index.</summary>
    public static string Seller(int index, int sellers)
    {
        var width = Math.Max(4, Digits(sellers));
        return "shop-" + (index + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
