using NodaTime;

namespace Standing.Simulation;

/// <summary>
/// Who the sellers are. Kinds are dealt as exact shares (rounded) and shuffled by the seed; everything
/// else about a seller comes from its own random stream, so a seller is the same whatever the others.
/// </summary>
internal sealed class ProfileFactory
{
    private readonly SimulationOptions _options;
    private readonly SellerProfileKind[] _kinds;
    private readonly long _start;
    private readonly long _end;

    public ProfileFactory(SimulationOptions options, long historyStart, long historyEnd)
    {
        _options = options;
        _start = historyStart;
        _end = historyEnd;
        _kinds = DealKinds(options);
    }

    public SellerProfile Create(int index)
    {
        var o = _options;
        var rng = new DeterministicRandom(DeterministicRandom.Derive(o.Seed, index, 1));
        var kind = _kinds[index];
        var span = _end - _start;

        var registered = rng.Chance(o.NewSellerShare)
            ? _start + (long)(span * rng.Uniform(0.1, 0.8))
            : _start + rng.Between(0, 6 * LocalClock.Hour);
        var sigma = o.SellerSizeSpread;
        var size = Math.Exp((sigma * rng.Normal()) - (sigma * sigma / 2));
        var ordersPerDay = o.OrdersPerSellerPerDay <= 0 ? 0 : Math.Max(0.02, o.OrdersPerSellerPerDay * size);
        var amount = Math.Clamp(35 * Math.Exp(0.8 * rng.Normal()), 3, 2000);
        var handling = 1 + rng.Next(3);
        var transit = 2 + rng.Next(4);
        var agents = Math.Min(1 + rng.Next(3) + (ordersPerDay > 5 ? 2 : 0) + (ordersPerDay > 20 ? 3 : 0), 10);
        var hasBot = rng.Chance(0.6);
        var behaviour = SellerBehaviour.For(kind).Jittered(rng);

        var trend = SellerTrend.Steady;
        long? trendFrom = null;
        long? plan = null;
        var changes = rng.Chance(o.ChangingShare);
        var changeAt = _end - rng.Between(20 * LocalClock.Day, 90 * LocalClock.Day);
        var planChance = rng.NextDouble();
        var planAt = registered + (long)((_end - registered) * rng.Uniform(0.3, 0.95));
        if (changes && kind == SellerProfileKind.Borderline && changeAt > registered + (14 * LocalClock.Day))
        {
            trend = SellerTrend.Deteriorating;
            trendFrom = changeAt;
        }
        else if (changes && kind == SellerProfileKind.Failing && changeAt > registered + (30 * LocalClock.Day))
        {
            trend = SellerTrend.Improving;
            trendFrom = changeAt;
            plan = changeAt;
        }
        else if (planChance < (kind == SellerProfileKind.Failing ? 0.3 : kind == SellerProfileKind.Borderline ? 0.1 : 0))
        {
            plan = planAt;
        }

        return new SellerProfile
        {
            Seller = Ids.Seller(index, o.Sellers),
            Index = index,
            Kind = kind,
            Registered = Instant.FromUnixTimeSeconds(registered),
            OrdersPerDay = ordersPerDay,
            AverageAmount = Math.Round((decimal)amount, 2),
            HandlingDays = handling,
            TransitDays = transit,
            Agents = agents,
            NightShift = agents >= 4,
            HasChatBot = hasBot,
            Trend = trend,
            TrendFrom = trendFrom is { } from ? Instant.FromUnixTimeSeconds(from) : null,
            PlanSubmitted = plan is { } at ? Instant.FromUnixTimeSeconds(at) : null,
            Behaviour = behaviour,
        };
    }

    private static SellerProfileKind[] DealKinds(SimulationOptions o)
    {
        var n = o.Sellers;
        var good = (int)Math.Round(n * o.GoodShare);
        var borderline = Math.Min((int)Math.Round(n * o.BorderlineShare), n - good);
        var kinds = new SellerProfileKind[n];
        for (var i = 0; i < n; i++)
        {
            kinds[i] = i < good ? SellerProfileKind.Good
                : i < good + borderline ? SellerProfileKind.Borderline
                : SellerProfileKind.Failing;
        }
        var rng = new DeterministicRandom(DeterministicRandom.Derive(o.Seed, -1, 0));
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
        }
        return kinds;
    }
}
