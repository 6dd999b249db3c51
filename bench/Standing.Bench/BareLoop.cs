using NodaTime;
using Standing.Core.Facts;

namespace Standing.Bench;

/// <summary>
/// The floor for the ODR pass: each order's placement (Unix seconds), defect flag and seller number in
/// plain arrays, counted in one loop. Built from the folded facts, so it reads what they say.
/// </summary>
internal sealed class BareLoop
{
    private readonly long[] _placed;
    private readonly bool[] _defective;
    private readonly int[] _seller;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private BareLoop(long[] placed, bool[] defective, int[] seller)
    {
        _placed = placed;
        _defective = defective;
        _seller = seller;
    }

    public static BareLoop From(IReadOnlyList<SellerFacts> facts)
    {
        var count = facts.Sum(f => f.Orders.Count);
        var loop = new BareLoop(new long[count], new bool[count], new int[count]);
        var i = 0;
        for (var s = 0; s < facts.Count; s++)
        {
            loop._index[facts[s].Seller] = s;
            foreach (var o in facts[s].Orders)
            {
                loop._placed[i] = o.PlacedAt?.ToUnixTimeSeconds() ?? long.MinValue;
                loop._defective[i] = o.LowestReviewStars <= 2 || o.HasCase;
                loop._seller[i] = s;
                i++;
            }
        }
        return loop;
    }

    public int IndexOf(string seller) => _index.GetValueOrDefault(seller, -1);

    /// <summary>Per seller s: <c>counts[2s]</c> defective orders and <c>counts[2s+1]</c> orders placed in [start, end).</summary>
    public void Count(Instant start, Instant end, long[] counts)
    {
        Array.Clear(counts);
        long from = start.ToUnixTimeSeconds(), to = end.ToUnixTimeSeconds();
        var placed = _placed;
        var defective = _defective;
        var seller = _seller;
        for (var i = 0; i < placed.Length; i++)
        {
            var at = placed[i];
            if (at >= from && at < to)
            {
                var s = 2 * seller[i];
                counts[s] += defective[i] ? 1 : 0;
                counts[s + 1]++;
            }
        }
    }
}
