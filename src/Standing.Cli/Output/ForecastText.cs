using System.Globalization;
using Spectre.Console;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>A metric's forecast for people: one line each for recovery, error budget and the defects leaving, then (forecast only) the days.</summary>
internal static class ForecastText
{
    public static string Recovery(MetricForecast m) => m.Recovery.Kind switch
    {
        RecoveryKind.AlreadyGood => "already good",
        RecoveryKind.Recovers => $"good again on {Date(m.Recovery.Date!.Value)} ({Plural.Of(m.Recovery.Days!.Value, "day")}) if nothing new goes wrong",
        RecoveryKind.NotWithinHorizon => $"not good again within {Plural.Of(m.Days.Count, "day")}",
        RecoveryKind.InsufficientData => "too few items to judge (never a breach)",
        _ => "no forecast",
    };

    public static string Budget(MetricForecast m) => m.Budget.Defects is { } n
        ? $"{Plural.Of(n, "more defect")} at the volume of now; {m.Budget.Reason}"
        : $"none: {m.Budget.Reason}";

    public static string Leaving(MetricForecast m)
    {
        var defects = m.Leaving.Where(l => l.Defects.Count > 0).ToList();
        if (defects.Count == 0) return $"none within {Plural.Of(m.Days.Count, "day")}";
        return string.Join("; ", defects.Select(l => $"{Date(l.Date)}: {string.Join(", ", l.Defects)}"));
    }

    /// <summary>The explain form: under a metric, three lines.</summary>
    public static void WriteSummary(IAnsiConsole console, MetricForecast m)
    {
        if (m.NotForecast is { } why)
        {
            console.MarkupLine($"  forecast: [grey]{Markup.Escape(why)}[/]");
            return;
        }
        console.MarkupLine($"  recovery: {Markup.Escape(Recovery(m))}");
        console.MarkupLine($"  error budget: {Markup.Escape(Budget(m))}");
        TextWrap.Write(console, "  defects leave the window: ", Leaving(m), 4);
    }

    /// <summary>The forecast command's table: the summary, then one row per day.</summary>
    public static void Write(IAnsiConsole console, Standing.Core.Policies.Policy policy, SellerForecast forecast)
    {
        console.MarkupLine($"[bold]{Markup.Escape(forecast.Seller)}[/] under [bold]{Markup.Escape(policy.Name)}[/] ({policy.Id} v{policy.Version}) as of {Formats.Instant(forecast.AsOf, policy.Zone)}");
        foreach (var m in forecast.Metrics)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(m.Id)}[/] = [{Formats.StatusColor(m.Now.Status)}]{Formats.Value(m.Now)} ({m.Now.Status.Wire()})[/]  {Formats.Fraction(m.Now)}");
            // A guarded rate's status is its guard's (as explain shows it): the reading says why.
            if (GuardText.Of(m.Now) is { } guard) TextWrap.Write(console, "  ", guard, 4);
            if (m.NotForecast is null && m.DailyVolume > 0)
                console.MarkupLine($"  volume of now: {m.DailyVolume.ToString("0.##", CultureInfo.InvariantCulture)} items a day, assumed good");
            WriteSummary(console, m);
            if (m.Days.Count == 0) continue;
            var table = new Table().Border(TableBorder.Simple).AddColumns("date", "value", "counted", "assumed", "status");
            foreach (var d in m.Days)
            {
                var status = d.Extended is true ? d.Status.Wire() + " (extended window)" : d.Status.Wire();
                table.AddRow(Date(d.Date), Formats.Value(d.Value, m.Now.Definition.Kind), Formats.Fraction(m.Now.Definition.Kind, d.Numerator, d.Denominator),
                    d.Assumed.ToString(CultureInfo.InvariantCulture), status);
            }
            console.Write(table);
        }
    }

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
