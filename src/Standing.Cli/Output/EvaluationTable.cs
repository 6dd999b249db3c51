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
        var listing = wide && format == OutputFormat.Table ? Summary(evaluation) : Rows(evaluation, format);
        OutputFormat.WriteListing(format, listing, Plural.Of(evaluation.Sellers.Count, "seller"));
    }

    /// <summary>One row per seller and metric; the seller's triggered outcomes on its first row (on every row in CSV).</summary>
    private static Listing Rows(PolicyEvaluation evaluation, string format)
    {
        if (format == OutputFormat.Csv)
        {
            var csv = new Listing("seller", "metric", "value", "unit", "numerator", "denominator", "pending", "status", "triggered_outcomes");
            foreach (var s in evaluation.Sellers)
            {
                var outcomes = string.Join(";", Triggered(s));
                foreach (var m in s.Metrics)
                    csv.Add(s.Seller, m.Id, Formats.Raw(m.Value), m.Definition.Unit, m.Numerator.ToString(Num), m.Denominator.ToString(Num),
                        m.Pending.ToString(Num), m.Status.Wire(), outcomes);
            }
            return csv;
        }
        var listing = new Listing("seller", "metric", "value", "n/d", "status", "outcomes").RightAlign("value", "n/d")
            .NoWrap("seller", "metric", "value", "n/d", "status");
        foreach (var s in evaluation.Sellers)
        {
            var first = true;
            foreach (var m in s.Metrics)
            {
                listing.Add(first ? s.Seller : "", m.Id, new Cell(Formats.Value(m), Formats.StatusColor(m.Status)), Formats.Fraction(m),
                    new Cell(Formats.StatusWord(m.Status), Formats.StatusColor(m.Status)), first ? Outcomes(s) : "");
                first = false;
            }
        }
        return listing;
    }

    /// <summary>One row per seller: its standing, how many metrics stand where, the breaches with their values, its outcomes.</summary>
    private static Listing Summary(PolicyEvaluation evaluation)
    {
        var listing = new Listing("seller", "status", "breach", "at risk", "good", "too few", "in breach", "outcomes")
            .NoWrap("seller", "status", "breach", "at risk", "good", "too few").RightAlign("breach", "at risk", "good", "too few");
        foreach (var s in evaluation.Sellers)
        {
            var worst = DemoSummary.Worst(s);
            string Count(MetricStatus status) => s.Metrics.Count(m => m.Status == status).ToString(Num);
            listing.Add(s.Seller, new Cell(Formats.StatusWord(worst), Formats.StatusColor(worst)),
                new Cell(Count(MetricStatus.Breach), "red"), new Cell(Count(MetricStatus.AtRisk), "yellow"), Count(MetricStatus.Good), Count(MetricStatus.InsufficientData),
                new Cell(string.Join(", ", s.Metrics.Where(m => m.Status == MetricStatus.Breach).Select(m => $"{m.Id} {Formats.Value(m)}")), "red"), Outcomes(s));
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
                new Cell(Formats.StatusWord(m.Status), Formats.StatusColor(m.Status)), m.Definition.Standard?.ToString() ?? "reported only");
        console.Write(listing.Table());
        foreach (var o in seller.Outcomes)
        {
            var verdict = o.Triggered ? "[red bold]TRIGGERED[/]" : "[green]not triggered[/]";
            console.MarkupLine($"{Markup.Escape(o.Id)} → {Markup.Escape(o.Outcome)}: {verdict}");
            console.MarkupLine($"  [grey]{Markup.Escape(o.Reason)}[/]");
        }
    }

    private static IEnumerable<string> Triggered(SellerEvaluation s) => s.Outcomes.Where(o => o.Triggered).Select(o => o.Outcome).Distinct(StringComparer.Ordinal);

    private static Cell Outcomes(SellerEvaluation s)
    {
        var triggered = Triggered(s).ToList();
        return triggered.Count == 0 ? new Cell("none", "grey") : new Cell(string.Join(", ", triggered), "red bold");
    }

    private static readonly System.Globalization.CultureInfo Num = System.Globalization.CultureInfo.InvariantCulture;
}
