using System.Globalization;
using System.Net;
using System.Text;
using NodaTime.Text;
using Standing.Enforcement.Backtests;

namespace Standing.Data.Documents;

/// <summary>
/// <c>backtest.html</c>: the backtest as one self-contained page (no script, no file or address it
/// loads): the counts over time as inline SVG charts, baseline and candidate side by side in each, the
/// first actions spared or delayed, and the sellers whose fate differs.
/// </summary>
public static class BacktestPage
{
    /// <summary>Rows of the differences table; the JSON has them all.</summary>
    public const int Rows = 500;

    private const int Width = 720, Height = 180, Left = 48, Bottom = 24, Top = 8;
    private const string BaselineColour = "#4a6fa5", CandidateColour = "#d9822b";

    public static string Render(Backtest backtest)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        var b = backtest.Baseline.Policy;
        var c = backtest.Candidate.Policy;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest of ").Append(E(c.Id)).Append("</title>\n<style>")
            .Append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")
            .Append(".n{text-align:right}svg{display:block;margin:.5em 0 1.5em}.b{color:").Append(BaselineColour).Append("}.c{color:").Append(CandidateColour).Append('}')
            .Append("</style></head><body>\n");
        html.Append("<h1>Backtest of ").Append(E(c.Id)).Append(", ").Append(Date(backtest.Days[0])).Append(" to ").Append(Date(backtest.Days[^1])).Append("</h1>\n");
        html.Append("<p><span class=\"b\">■ baseline</span> ").Append(E(b.Id)).Append(" version ").Append(E(b.Version))
            .Append(" · <span class=\"c\">■ candidate</span> ").Append(E(c.Id)).Append(" version ").Append(E(c.Version))
            .Append(" · each day as of midnight in ").Append(E(c.Zone.Id)).Append("</p>\n");

        var firsts = backtest.FirstActions;
        html.Append("<h2>First actions</h2>\n<table><tr><th>effect of the candidate</th><th>sellers</th></tr>");
        foreach (var effect in (string[])["spared", "delayed", "earlier", "added", "same"])
            html.Append("<tr><td>").Append(effect).Append("</td><td class=\"n\">").Append(firsts.Count(f => f.Effect == effect)).Append("</td></tr>");
        var delays = firsts.Where(f => f.Effect == "delayed").Select(f => f.DaysLater!.Value).ToList();
        html.Append("</table>\n<p>").Append(delays.Count == 0 ? "No first action delayed." :
            $"Delayed first actions came {delays.Sum()} days later in all, {delays.Max()} at most.").Append("</p>\n");

        html.Append("<h2>Sellers by status</h2>\n");
        foreach (var status in (string[])["breach", "at_risk", "good"])
            Chart(html, $"sellers with status {status}", backtest, day => day.Statuses.GetValueOrDefault(status));
        html.Append("<h2>Actions</h2>\n");
        var actions = backtest.Baseline.Days.Concat(backtest.Candidate.Days).SelectMany(d => d.Under.Keys.Concat(d.Taken.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (actions.Count == 0) html.Append("<p>Neither rule set took any action in the range.</p>\n");
        foreach (var action in actions)
        {
            Chart(html, $"sellers under {action}", backtest, day => day.Under.GetValueOrDefault(action));
            Chart(html, $"{action} taken per day", backtest, day => day.Taken.GetValueOrDefault(action));
        }

        var changes = backtest.Changes;
        html.Append("<h2>Sellers whose fate differs (").Append(changes.Count).Append(")</h2>\n");
        if (changes.Count == 0) html.Append("<p>None: both rule sets did the same to every seller on every day.</p>\n");
        else
        {
            html.Append("<table><tr><th>seller</th><th>first day</th><th>baseline</th><th>candidate</th><th>days differing</th><th>reason</th></tr>\n");
            foreach (var change in changes.Take(Rows))
            {
                html.Append("<tr><td>").Append(E(change.Seller)).Append("</td><td>").Append(Date(change.Day)).Append("</td><td>").Append(E(change.Baseline))
                    .Append("</td><td>").Append(E(change.Candidate)).Append("</td><td class=\"n\">").Append(change.DaysDiffering).Append("</td><td>").Append(E(change.Reason)).Append("</td></tr>\n");
            }
            html.Append("</table>\n");
            if (changes.Count > Rows) html.Append("<p>").Append(changes.Count - Rows).Append(" more in backtest.json.</p>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>One chart: a day per step on x, the count on y, one line per rule set.</summary>
    private static void Chart(StringBuilder html, string title, Backtest backtest, Func<BacktestDay, int> value)
    {
        var n = backtest.Days.Count;
        var baseline = backtest.Baseline.Days.Select(value).ToArray();
        var candidate = backtest.Candidate.Days.Select(value).ToArray();
        var max = Math.Max(1, baseline.Concat(candidate).Max());
        double X(int d) => Left + (n == 1 ? 0 : (Width - Left - 8) * d / (double)(n - 1));
        double Y(int v) => Top + (Height - Top - Bottom) * (1 - (v / (double)max));
        string Points(int[] values) => string.Join(" ", values.Select((v, d) => F(X(d)) + "," + F(Y(v))));
        html.Append("<figure><figcaption>").Append(E(title)).Append("</figcaption>")
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 8}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>")
            .Append($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>")
            .Append($"<text x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{max}</text>")
            .Append($"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>")
            .Append($"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\">{Date(backtest.Days[0])}</text>")
            .Append($"<text x=\"{Width - 8}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"11\">{Date(backtest.Days[^1])}</text>")
            .Append($"<polyline fill=\"none\" stroke=\"{BaselineColour}\" stroke-width=\"2\" points=\"{Points(baseline)}\"><title>baseline</title></polyline>")
            .Append($"<polyline fill=\"none\" stroke=\"{CandidateColour}\" stroke-width=\"2\" stroke-dasharray=\"5 3\" points=\"{Points(candidate)}\"><title>candidate</title></polyline>")
            .Append("</svg></figure>\n");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string Date(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);
}
