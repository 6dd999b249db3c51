using NodaTime;
using Standing.Core.Events;

namespace Standing.Simulation.Tests;

public sealed class ProfileTests(SimulatedMarketplace market) : IClassFixture<SimulatedMarketplace>
{
    private static SimulationOptions Options(int sellers, int seed = 42) =>
        new() { End = SimulatedMarketplace.End, Sellers = sellers, Seed = seed };

    [Theory]
    [InlineData(300, 210, 60, 30)]
    [InlineData(1000, 700, 200, 100)]
    [InlineData(7, 5, 1, 1)]
    public void Sellers_are_70_percent_good_20_borderline_and_10_failing(int sellers, int good, int borderline, int failing)
    {
        var kinds = new MarketplaceSimulator(Options(sellers)).Profiles.Select(p => p.Kind).ToList();

        Assert.Equal(good, kinds.Count(k => k == SellerProfileKind.Good));
        Assert.Equal(borderline, kinds.Count(k => k == SellerProfileKind.Borderline));
        Assert.Equal(failing, kinds.Count(k => k == SellerProfileKind.Failing));
    }

    [Fact]
    public void The_seed_decides_which_sellers_are_which()
    {
        var first = new MarketplaceSimulator(Options(300, seed: 1)).Profiles.Select(p => p.Kind);
        var again = new MarketplaceSimulator(Options(300, seed: 1)).Profiles.Select(p => p.Kind);
        var other = new MarketplaceSimulator(Options(300, seed: 2)).Profiles.Select(p => p.Kind);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Profiles_are_the_same_for_the_same_seed()
    {
        Assert.Equal(new MarketplaceSimulator(Options(50)).Profiles, new MarketplaceSimulator(Options(50)).Profiles);
    }

    [Fact]
    public void Seller_ids_are_padded_to_the_number_of_sellers()
    {
        var small = new MarketplaceSimulator(Options(300));
        var large = new MarketplaceSimulator(Options(100_000));

        Assert.Equal("shop-0001", small.Profiles[0].Seller);
        Assert.Equal("shop-0300", small.Profiles[299].Seller);
        Assert.Equal("shop-000001", large.Profile(0).Seller);
        Assert.Equal("shop-100000", large.Profile(99_999).Seller);
    }

    [Fact]
    public void Seller_sizes_vary_around_the_mean()
    {
        var rates = new MarketplaceSimulator(Options(2000)).Profiles.Select(p => p.OrdersPerDay).ToList();

        Assert.InRange(rates.Average(), 1.2, 1.8);
        Assert.True(rates.Min() < 0.3);
        Assert.True(rates.Max() > 8);
    }

    [Fact]
    public void Failing_sellers_have_far_more_defective_orders_than_good_ones()
    {
        var kinds = market.Simulator.Profiles.ToDictionary(p => p.Seller, p => p.Kind);

        var good = DefectRate(kinds, SellerProfileKind.Good);
        var failing = DefectRate(kinds, SellerProfileKind.Failing);

        Assert.True(good < 0.01, $"good sellers' defect rate {good:P2}");
        Assert.True(failing > 0.04, $"failing sellers' defect rate {failing:P2}");
    }

    [Fact]
    public void Improving_sellers_submit_their_plan_when_the_improvement_starts()
    {
        var profiles = new MarketplaceSimulator(Options(1000)).Profiles;
        var improving = profiles.Where(p => p.Trend == SellerTrend.Improving).ToList();

        Assert.NotEmpty(improving);
        Assert.All(improving, p => Assert.Equal(p.TrendFrom, p.PlanSubmitted));
        Assert.All(improving, p => Assert.Equal(SellerProfileKind.Failing, p.Kind));
        Assert.All(profiles.Where(p => p.Trend == SellerTrend.Deteriorating), p => Assert.Equal(SellerProfileKind.Borderline, p.Kind));
    }

    [Fact]
    public void Every_seller_registers_inside_the_history()
    {
        var start = SimulatedMarketplace.End - Duration.FromDays(180);

        Assert.All(new MarketplaceSimulator(Options(500)).Profiles,
            p => Assert.InRange(p.Registered, start, SimulatedMarketplace.End));
    }

    private double DefectRate(Dictionary<string, SellerProfileKind> kinds, SellerProfileKind kind)
    {
        var events = market.Events.Where(e => kinds[e.Seller] == kind).ToList();
        var orders = events.Count(e => e.Type == EventType.OrderPlaced);
        var defective = events
            .Where(e => (e.Type == EventType.ReviewPosted && e.Stars <= 2) || e.Type == EventType.CaseOpened)
            .Select(e => e.Order)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return (double)defective / orders;
    }
}
