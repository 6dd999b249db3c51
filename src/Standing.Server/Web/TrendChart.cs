using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using NodaTime;
using Standing.Core.Metrics;
using Standing.Server.Jobs;

namespace Standing.Server.Web;

/// <summary>
/// A metric's trend as inline SVG, drawn here (no script, no library): the daily values as a line
/// (broken where there was nothing to measure), the threshold as a dashed line, the first and last
/// dates and the top of the scale as labels. The chart is an image with a text alternative.
/// </summary>
public static class TrendChart
{
    // As the pages' encoder (PageSetup): letters of every script as themselves, markup characters encoded.
    private static readonly HtmlEncoder Letters = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const double Width = 320, Height = 140, Left = 46, Right = 6, Top = 8, Bottom = 20;

    public static IHtmlContent Svg(PageLanguage language, MetricDefinition metric, IReadOnlyList<Trends.Point> points, DateTimeZone zone, string label)
    {
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        double? threshold = metric.Standard is { Peer: null } s && !double.IsNaN(s.Threshold) ? s.Threshold : null;
        var top = Math.Max(values.DefaultIfEmpty(0).Max(), threshold ?? 0);
        top = top <= 0 ? 1 : top * 1.15;
        // A share never exceeds 100 %: headroom above it would only print a longer, meaningless top label.
        if (metric.Kind is MetricKind.Rate or MetricKind.ShareWithin) top = Math.Min(top, 1);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        string X(int i) => (Left + (points.Count <= 1 ? plotW : plotW * i / (points.Count - 1))).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double v) => (Top + plotH - plotH * Math.Clamp(v / top, 0, 1)).ToString("0.#", CultureInfo.InvariantCulture);

        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                drawing = false;
                continue;
            }
            path.Append(drawing ? " L" : " M").Append(X(i)).Append(' ').Append(Y(v));
            drawing = true;
        }
        var html = Letters;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"trend\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{html.Encode(label)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(label)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 8}\" text-anchor=\"end\">{html.Encode(StatusText.Value(language, metric, top))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + plotH}\" text-anchor=\"end\">{html.Encode(StatusText.Value(language, metric, 0))}</text>");
        if (threshold is { } t)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"threshold\" data-threshold=\"{t.ToString("R", CultureInfo.InvariantCulture)}\" x1=\"{Left}\" y1=\"{Y(t)}\" x2=\"{Width - Right}\" y2=\"{Y(t)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Y(t)}\" dy=\"-3\" text-anchor=\"end\">{html.Encode(StatusText.Value(language, metric, t))}</text>");
        }
        if (path.Length > 0) svg.Append(CultureInfo.InvariantCulture, $"<path class=\"line\" d=\"{path.ToString().Trim()}\"/>");
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 6}\">{html.Encode(language.Date(points[0].At, zone))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">{html.Encode(language.Date(points[^1].At, zone))}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
