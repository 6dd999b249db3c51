using Standing.Core.Events;

namespace Standing.Simulation;

/// <summary>
/// A seeded synthetic marketplace: sellers of good, borderline and failing kinds and everything that
/// happens to their orders, reviews, cases, refunds and conversations over the history.
/// </summary>
/// <remarks>
/// The stream is generated seller by seller (only one seller's events are held at a time), each
/// seller's events sorted by time with ties in causal order; every event is before
/// <see cref="SimulationOptions.End"/> (later steps of an order have simply not happened yet). The
/// same options always give the same events in the same order; each seller's history depends only on
/// the seed and its index, so <see cref="Generate(int, int)"/> can split the work between workers.
/// Ids: events <c>e-shop-0001-17</c>, orders <c>o-shop-0001-5</c>, reviews <c>r-…</c>, cases
/// <c>c-…</c>, refunds <c>rf-…</c>, complaints <c>cp-…</c>, conversations <c>cv-…</c>, buyers <c>b-123</c>.
/// </remarks>
public sealed class MarketplaceSimulator
{
    private readonly SimulationOptions _options;
    private readonly long _start;
    private readonly long _end;
    private readonly ProfileFactory _profiles;
    private SellerProfile[]? _allProfiles;

    public MarketplaceSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _end = CeilingSeconds(options.End.ToUnixTimeTicks());
        _start = _end - (options.Days * LocalClock.Day);
        _profiles = new ProfileFactory(options, _start, _end);
    }

    public SimulationOptions Options => _options;

    /// <summary>Every seller's profile, in seller order (built on first use).</summary>
    public IReadOnlyList<SellerProfile> Profiles => _allProfiles ??= BuildProfiles();

    /// <summary>The profile of the seller at a 0-based index.</summary>
    public SellerProfile Profile(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.Sellers);
        return _allProfiles?[index] ?? _profiles.Create(index);
    }

    /// <summary>All sellers' events, seller after seller.</summary>
    public IEnumerable<StandingEvent> Generate() => Generate(0, _options.Sellers);

    /// <summary>The events of sellers <paramref name="firstSeller"/> … <paramref name="firstSeller"/> + <paramref name="sellerCount"/> − 1 (0-based).</summary>
    public IEnumerable<StandingEvent> Generate(int firstSeller, int sellerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSeller);
        ArgumentOutOfRangeException.ThrowIfNegative(sellerCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sellerCount, _options.Sellers - firstSeller);
        return Stream(firstSeller, firstSeller + sellerCount);
    }

    private IEnumerable<StandingEvent> Stream(int from, int to)
    {
        var context = new SellerContext(_options, _start, _end);
        var writer = context.Writer;
        for (var i = from; i < to; i++)
        {
            context.Begin(Profile(i));
            SellerScript.Run(context);
            writer.Finish();
            for (var k = 0; k < writer.Count; k++)
            {
                yield return writer[k];
            }
        }
    }

    private SellerProfile[] BuildProfiles()
    {
        var all = new SellerProfile[_options.Sellers];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = _profiles.Create(i);
        }
        return all;
    }

    private static long CeilingSeconds(long ticks)
    {
        var seconds = Math.DivRem(ticks, 10_000_000L, out var rest);
        return rest > 0 ? seconds + 1 : seconds;
    }
}
