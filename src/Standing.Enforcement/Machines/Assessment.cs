using Standing.Core.Evaluation;
using Standing.Core.Metrics;

namespace Standing.Enforcement.Machines;

/// <summary>Which assessment period an evaluation judged: the span of its metrics' windows.</summary>
internal static class Assessment
{
    /// <summary>A key for the period, the same for every run that judges the same windows.</summary>
    public static string Period(SellerEvaluation evaluation, IEnumerable<string>? metrics = null)
    {
        var chosen = Chosen(evaluation, metrics);
        if (chosen.Count == 0) return "";
        var start = chosen.Min(m => m.Window.Start);
        var end = chosen.Max(m => m.Window.End);
        return $"{(start is { } s ? Text.Instant(s) : "-")}/{Text.Instant(end)}";
    }

    /// <summary>The end of the judged period (the latest window end); null without metrics.</summary>
    public static NodaTime.Instant? End(SellerEvaluation evaluation, IEnumerable<string>? metrics = null)
    {
        var chosen = Chosen(evaluation, metrics);
        return chosen.Count == 0 ? null : chosen.Max(m => m.Window.End);
    }

    /// <summary>The metrics named (every one when none is).</summary>
    private static IReadOnlyList<MetricResult> Chosen(SellerEvaluation evaluation, IEnumerable<string>? metrics) =>
        metrics is null ? evaluation.Metrics : evaluation.Metrics.Where(m => metrics.Contains(m.Id)).ToList();

    /// <summary>Whether a metric's window is a calendar period (each period judged once) rather than rolling.</summary>
    public static bool IsCalendar(MetricResult metric) => metric.Definition.Window is CalendarWindow;
}
