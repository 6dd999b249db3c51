using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Policies;
using Standing.Simulation;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing bench --forecast</c>: one seller's forecast under each built-in pack, every metric with its
/// default horizon, timed on the seller with the most orders of a generated marketplace (the demo's, one
/// year long so the 365-day windows are full). Reported, never asserted; the target is under 50 ms.
/// </summary>
internal static class ForecastBench
{
    public static int Run(int sellers, int days, int repeat)
    {
        var asOf = Instant.FromUtc(2026, 6, 1, 0, 0);
        var events = new MarketplaceSimulator(new SimulationOptions { Seed = 42, Sellers = sellers, Days = days, End = asOf }).Generate().ToList();
        var facts = FactFolder.Fold(events, asOf);
        var seller = facts.MaxBy(f => f.Orders.Count)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"forecast of one seller ({seller.Seller}: {seller.Orders.Count:N0} orders, {seller.Reviews.Count:N0} reviews of {sellers} sellers over {days} days), every metric, best and median of {repeat} runs after warm-up"));
        Console.WriteLine("pack          metrics  forecast days   best ms  median ms");
        foreach (var pack in BuiltInPacks.Ids)
        {
            var forecaster = new SellerForecaster(BuiltInPacks.Load(pack));
            var forecast = forecaster.Forecast(seller, asOf); // warm-up, and the size of the answer
            for (var i = 0; i < 3; i++) forecaster.Forecast(seller, asOf);
            var times = new double[repeat];
            for (var i = 0; i < repeat; i++)
            {
                var clock = Stopwatch.StartNew();
                forecaster.Forecast(seller, asOf);
                times[i] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pack,-13} {forecast.Metrics.Count,7}  {forecast.Metrics.Sum(m => m.Days.Count),13}  {times[0],8:0.00}  {times[repeat / 2],9:0.00}"));
        }
        return ExitCodes.Ok;
    }
}
