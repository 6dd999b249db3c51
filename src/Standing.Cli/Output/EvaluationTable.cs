using Spectre.Console;
using Standing.Cli.Input;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>
/// The human views of an evaluation, all within 120 columns however many metrics a policy has: one
/// row per seller and metric; with <c>--wide</c> one row per seller (its worst status, how many metrics
/// are in breach, at risk, good or with too few items, the breaches, its outcomes); for one seller, its metrics one per row and its rules below.
/// </summary>
internal static class EvaluationTable
{
    public static void Write(IAnsiConsole console, PolicyEvaluation evaluation, string format, bool wide, bool oneSeller)
    {
        var policy = evaluation.Policy;
        if (format == OutputFormat.Table)
            console.MarkupLine($"[bold]{Markup.Escape(policy.Name)}[/] ({policy.Id} v{Markup.Escape(policy.Version)}) as of {Formats.Instant(evaluation.AsOf, policy.Zone)}");
        if (oneSeller && format == OutputFormat.Table)
        {
            foreach (var seller in evaluation.Sellers) WriteSeller(console, seller);
            return;
        }
        if (format == OutputFormat.Csv)
        {
            OutputFormat.WriteListing(format, wide ? SummaryCsv(evaluation) : Rows(evaluation, format));
            return;
        }
        if (wide)
        {
            OutputFormat.WriteListing(format, Summary(evaluation, console.Profile.Width), Plural.Of(evaluation.Sellers.Count, "seller"));
            return;
        }
        var rows = Rows(evaluation, format);
        if (rows.NaturalWidth() <= console.Profile.Width)
        {
            OutputFormat.WriteListing(format, rows, Plural.Of(evaluation.Sellers.Count, "seller"));
            return;
        }
        // Outcome ids as long as metric ids do not fit beside them: each seller's outcomes go below the
        // table, whole, folded at the commas.
        OutputFormat.WriteListing(format, Rows(evaluation, format, outcomes: false));
        console.MarkupLine("[bold]triggered outcomes[/]");
        foreach (var s in evaluation.Sellers)
        {
            var triggered = Triggered(s).ToList();
            if (triggered.Count > 0) TextWrap.Write(console, $"  {s.Seller}: ", string.Join(", ", triggered), 4 + s.Seller.Length, "red");
        }
        console.WriteLine(Plural.Of(evaluation.Sellers.Count, "seller"));
    }

    /// <summary>--wide as CSV: the per-seller summary, one row per seller, the lists separated by semicolons.</summary>
    private static Listing SummaryCsv(PolicyEvaluation evaluation)
    {
        var csv = new Listing("seller", "status", "breach", "at_risk", "good", "too_few", "breaches", "triggered_outcomes");
        foreach (var s in evaluation.Sellers)
        {
            string Count(MetricStatus status) => s.Metrics.Count(m => m.Status == status).ToString(Num);
            csv.Add(s.Seller, DemoSummary.Worst(s).Wire(), Count(MetricStatus.Breach), Count(MetricStatus.AtRisk), Count(MetricStatus.Good),
                Count(MetricStatus.InsufficientData), string.Join(";", s.Metrics.Where(m => m.Status == MetricStatus.Breach).Select(m => m.Id)),
                string.Join(";", Triggered(s)));
        }
        return csv;
    }

    /// <summary>One row per seller and metric; the seller's triggered outcomes on its first row (on every row in CSV).</summary>
    private static Listing Rows(PolicyEvaluation evaluation, string format, bool outcomes = true)
    {
        if (format == OutputFormat.Csv)
        {
            // The peer comparison's numbers (promua) last: columns are added, never moved.
            var csv = new Listing("seller", "metric", "value", "unit", "numerator", "denominator", "pending", "status", "triggered_outcomes",
                "percentile", "p_value", "peer_rate");
            foreach (var s in evaluation.Sellers)
            {
                var triggered = string.Join(";", Triggered(s));
                foreach (var m in s.Metrics)
                    csv.Add(s.Seller, m.Id, Formats.Raw(m.Value), m.Definition.Unit, m.Numerator.ToString(Num), m.Denominator.ToString(Num),
                        m.Pending.ToString(Num), m.Status.Wire(), triggered, Formats.Raw(m.Percentile), Formats.Raw(m.PValue), Formats.Raw(m.PeerRate));
            }
            return csv;
        }
        string[] headers = outcomes ? ["seller", "metric", "value", "n/d", "status", "outcomes"] : ["seller", "metric", "value", "n/d", "status"];
        var listing = new Listing(headers).RightAlign("value", "n/d").NoWrap("seller", "metric", "value", "n/d", "status", "outcomes");
        foreach (var s in evaluation.Sellers)
        {
            // One outcome per row, down the seller's rows (the rest on its last row), so an id is never cut.
            var triggered = Triggered(s).ToList();
            var count = s.Metrics.Count;
            for (var i = 0; i < count; i++)
            {
                var m = s.Metrics[i];
                Cell[] cells = [i == 0 ? s.Seller : "", m.Id, new Cell(Formats.Value(m), Formats.StatusColor(m.Status)), Formats.Fraction(m),
                    new Cell(GuardText.Status(m), Formats.StatusColor(m.Status))];
                if (outcomes)
                {
                    var here = i == count - 1 ? triggered.Skip(i) : triggered.Skip(i).Take(1);
                    var text = string.Join(",\n", here);
                    cells = [.. cells, i == 0 && triggered.Count == 0 ? new Cell("none", "grey") : new Cell(text + (i < triggered.Count - 1 && i < count - 1 ? "," : ""), "red bold")];
                }
                listing.Add(cells);
            }
        }
        return listing;
    }

    /// <summary>One row per seller: its standing, how many metrics stand where, the breaches with their values, its outcomes.</summary>
    private static Listing Summary(PolicyEvaluation evaluation, int width)
    {
        // The lists share what the seller, the status and the counts leave of the width (8 columns take
        // 25 characters of borders and padding), at most two lines each, the rest as "+N more".
        var seller = Math.Max("seller".Length, evaluation.Sellers.Select(s => s.Seller.Length).DefaultIfEmpty(0).Max());
        var left = Math.Max(width - 25 - seller - "at risk".Length * 3 - "good".Length - "breach".Length, 30);
        var breachesWidth = left * 11 / 20;
        var outcomesWidth = left - breachesWidth;
        var listing = new Listing("seller", "status", "breach", "at risk", "good", "too few", "in breach", "outcomes")
            .NoWrap("seller", "status", "breach", "at risk", "good", "too few", "in breach", "outcomes").RightAlign("breach", "at risk", "good", "too few");
        foreach (var s in evaluation.Sellers)
        {
            var worst = DemoSummary.Worst(s);
            string Count(MetricStatus status) => s.Metrics.Count(m => m.Status == status).ToString(Num);
            var breaches = s.Metrics.Where(m => m.Status == MetricStatus.Breach).Select(m => m.Id).ToList();
            var triggered = Triggered(s).ToList();
            listing.Add(s.Seller, new Cell(Formats.StatusWord(worst), Formats.StatusColor(worst)),
                new Cell(Count(MetricStatus.Breach), "red"), new Cell(Count(MetricStatus.AtRisk), "yellow"), Count(MetricStatus.Good), Count(MetricStatus.InsufficientData),
                new Cell(TextWrap.Pack(breaches, breachesWidth, 2), "red"),
                triggered.Count == 0 ? new Cell("none", "grey") : new Cell(TextWrap.Pack(triggered, outcomesWidth, 2), "red bold"));
        }
        return listing;
    }

    /// <summary>One seller read down the page: each metric with its value, count, status and standard, then each rule's verdict.</summary>
    private static void WriteSeller(IAnsiConsole console, SellerEvaluation seller)
    {
        console.MarkupLine($"[bold]{Markup.Escape(seller.Seller)}[/]");
        var listing = new Listing("metric", "value", "n/d", "status", "standard").RightAlign("value", "n/d")
            .NoWrap("metric", "value", "n/d", "status");
        foreach (var m in seller.Metrics)
            listing.Add(m.Id, new Cell(Formats.Value(m), Formats.StatusColor(m.Status)), Formats.Fraction(m),
                new Cell(GuardText.Status(m), Formats.StatusColor(m.Status)), m.Definition.Standard is { } st ? Formats.Standard(st, m.Definition.Kind) : "reported only");
        console.Write(listing.Table());
        foreach (var o in seller.Outcomes)
        {
            console.MarkupLine(VerdictText.Header(o));
            TextWrap.Write(console, "  ", o.Reason, 4, "grey");
        }
    }

    private static IEnumerable<string> Triggered(SellerEvaluation s) => s.Outcomes.Where(o => o.Triggered).Select(o => o.Outcome).Distinct(StringComparer.Ordinal);

    private static readonly System.Globalization.CultureInfo Num = System.Globalization.CultureInfo.InvariantCulture;
}
