using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Testing;

namespace Standing.Policies.Tests.Forecasting;

/// <summary>Forecasts one seller of hand-written events under a built-in pack, as <c>standing forecast</c> does.</summary>
internal static class PackForecast
{
    public static MetricForecast Of(string pack, IEnumerable<StandingEvent> events, string asOf, string metric, int? days = null)
    {
        var instant = EventScript.At(asOf);
        var facts = FactFolder.Fold(events, instant);
        Assert.Single(facts);
        return new SellerForecaster(BuiltInPacks.Load(pack)).Forecast(facts[0], instant, metric, days).Metrics.Single();
    }
}
