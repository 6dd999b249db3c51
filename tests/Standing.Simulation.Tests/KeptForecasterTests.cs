using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Policies;

namespace Standing.Simulation.Tests;

/// <summary>
/// One forecaster per policy, kept and used by many threads for many sellers and as-ofs (as the server keeps
/// it), forecasts exactly what a new forecaster per call does: nothing one forecast resolves or counts is
/// left over for the next. On a generated history, under every built-in pack.
/// </summary>
public sealed class KeptForecasterTests
{
    [Fact]
    public void A_kept_forecaster_used_in_parallel_equals_a_new_one_per_forecast()
    {
        var options = SimulatedMarketplace.Options with { Seed = 21, Sellers = 12, Days = 150 };
        var events = new MarketplaceSimulator(options).Generate().ToList();
        var asOfs = new[] { options.End - Duration.FromDays(40), options.End - Duration.FromDays(3), options.End };
        var facts = asOfs.Select(a => (AsOf: a, Sellers: FactFolder.Fold(events, a))).ToList();
        var compared = 0;
        foreach (var id in BuiltInPacks.Ids)
        {
            var policy = BuiltInPacks.Load(id);
            var kept = new SellerForecaster(policy);
            var asks = facts.SelectMany(f => f.Sellers.Select(s => (f.AsOf, Seller: s))).ToList();
            var byKept = new string[asks.Count];
            Parallel.For(0, asks.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => byKept[i] = Text(kept.Forecast(asks[i].Seller, asks[i].AsOf)));
            for (var i = 0; i < asks.Count; i++)
            {
                Assert.Equal(Text(new SellerForecaster(policy).Forecast(asks[i].Seller, asks[i].AsOf)), byKept[i]);
                compared++;
            }
        }
        Assert.True(compared >= BuiltInPacks.Ids.Count * 30, $"only {compared} forecasts compared");
    }

    /// <summary>Every number and date of a forecast, as text.</summary>
    private static string Text(SellerForecast forecast) => string.Join("\n", forecast.Metrics.Select(m =>
        $"{m.Now.Id} {m.Now.Value} {m.Now.Numerator}/{m.Now.Denominator} {m.Now.Status} {m.DailyVolume} {m.Recovery} {m.Budget} {m.NotForecast} | " +
        string.Join(";", m.Days.Select(d => $"{d.Date} {d.Value} {d.Numerator}/{d.Denominator} +{d.Assumed} {d.Status} {d.Extended}")) + " | " +
        string.Join(";", m.Leaving.Select(l => $"{l.Date} {l.Items} {string.Join(",", l.Defects)}"))));
}
