using System.Globalization;
using Standing.Cli.Output;
using Standing.Core.Metrics;
using Standing.Server.Jobs;

namespace Standing.Server.Web.Staff;

/// <summary>
/// A histogram laid out for an inline SVG drawn by us: one bar per bin (its height the bin's share of
/// the tallest), the threshold as a vertical line at its place on the axis, and the axis' end labels.
/// Coordinates are in the SVG's own units (<see cref="Width"/> × <see cref="Height"/>); the SVG scales.
/// </summary>
public sealed record HistogramChart(IReadOnlyList<HistogramChart.Bar> Bars, double? ThresholdX, string Low, string High, string? ThresholdText, int Tallest)
{
    public const double Width = 600, Height = 200, Left = 40, Bottom = 24, Top = 16;

    public sealed record Bar(double X, double Y, double W, double H, string Range, int Sellers);

    public static HistogramChart Of(MetricHistogram h)
    {
        var plotW = Width - Left - 8;
        var plotH = Height - Bottom - Top;
        var tallest = h.Bins.Count == 0 ? 0 : h.Bins.Max(b => b.Sellers);
        var bars = new List<Bar>();
        for (var i = 0; i < h.Bins.Count; i++)
        {
            var b = h.Bins[i];
            var barH = tallest == 0 ? 0 : plotH * b.Sellers / tallest;
            var w = plotW / h.Bins.Count;
            bars.Add(new Bar(Left + i * w + 1, Top + plotH - barH, w - 2, barH,
                $"{Show(b.From, h.Metric.Kind)} – {Show(b.To, h.Metric.Kind)}", b.Sellers));
        }
        double? thresholdX = null;
        if (h.Threshold is { } t && h.Bins.Count > 0)
        {
            var low = h.Bins[0].From;
            var high = h.Bins[^1].To;
            thresholdX = Left + plotW * Math.Clamp((t - low) / (high - low), 0, 1);
        }
        return new HistogramChart(bars, thresholdX,
            h.Bins.Count > 0 ? Show(h.Bins[0].From, h.Metric.Kind) : "", h.Bins.Count > 0 ? Show(h.Bins[^1].To, h.Metric.Kind) : "",
            h.Threshold is { } th ? Show(th, h.Metric.Kind) : null, tallest);
    }

    /// <summary>A number for an SVG attribute (invariant, two decimals).</summary>
    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Show(double v, MetricKind kind) => Formats.Value(v, kind);
}
