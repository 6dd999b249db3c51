using Spectre.Console;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Simulation;

namespace Standing.Cli.Output;

/// <summary>The demo's readable summary: per pack, how many sellers are in breach, at risk, warned, and the worst of them.</summary>
internal static class DemoSummary
{
    private const int WorstShown = 5;

    public static void Write(IAnsiConsole console, IReadOnlyList<PolicyEvaluation> evaluations, IReadOnlyDictionary<string, SellerProfileKind> profiles)
    {
        var overview = new Table().Border(TableBorder.Rounded).Title("[bold]sellers per standard[/]")
            .AddColumns("pack", "breach", "at risk", "good", "insufficient data", "outcomes triggered");
        foreach (var e in evaluations)
        {
            var worst = e.Sellers.Select(Worst).ToList();
            var outcomes = e.Sellers.SelectMany(s => s.Outcomes).Where(o => o.Triggered).GroupBy(o => o.Outcome)
                .Select(g => $"{g.Key}: {g.Count()}").ToList();
            overview.AddRow(
                $"[bold]{e.Policy.Id}[/]",
                $"[red]{worst.Count(s => s == MetricStatus.Breach)}[/]",
                $"[yellow]{worst.Count(s => s == MetricStatus.AtRisk)}[/]",
                $"[green]{worst.Count(s => s == MetricStatus.Good)}[/]",
                $"[grey]{worst.Count(s => s == MetricStatus.InsufficientData)}[/]",
                outcomes.Count == 0 ? "[grey]none[/]" : Markup.Escape(string.Join(", ", outcomes)));
        }
        console.Write(overview);

        foreach (var e in evaluations)
        {
            var ranked = e.Sellers
                .Where(s => Worst(s) == MetricStatus.Breach || s.Outcomes.Any(o => o.Triggered))
                .OrderByDescending(s => s.Outcomes.Count(o => o.Triggered))
                .ThenByDescending(s => s.Metrics.Count(m => m.Status == MetricStatus.Breach))
                .ThenBy(s => s.Seller, StringComparer.Ordinal)
                .Take(WorstShown)
                .ToList();
            if (ranked.Count == 0) continue;
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(e.Policy.Name)}[/]: worst sellers")
                .AddColumns("seller", "simulated as", "worst metrics", "outcomes");
            foreach (var s in ranked)
            {
                var metrics = s.Metrics.Where(m => m.Status is MetricStatus.Breach or MetricStatus.AtRisk)
                    .OrderBy(m => m.Status == MetricStatus.Breach ? 0 : 1).Take(3)
                    .Select(m => $"[{Formats.StatusColor(m.Status)}]{Markup.Escape(m.Id)} {Formats.Value(m)}[/]");
                var outcomes = s.Outcomes.Where(o => o.Triggered).Select(o => o.Outcome).ToList();
                table.AddRow(
                    Markup.Escape(s.Seller),
                    profiles.TryGetValue(s.Seller, out var kind) ? kind.ToString().ToLowerInvariant() : "",
                    string.Join(", ", metrics),
                    outcomes.Count == 0 ? "[grey]–[/]" : $"[red]{Markup.Escape(string.Join(", ", outcomes))}[/]");
            }
            console.Write(table);
        }
    }

    /// <summary>A seller worth explaining: the first with a triggered outcome, else the first in breach.</summary>
    public static string? ExampleSeller(PolicyEvaluation evaluation) =>
        evaluation.Sellers.FirstOrDefault(s => s.Outcomes.Any(o => o.Triggered))?.Seller
        ?? evaluation.Sellers.FirstOrDefault(s => Worst(s) == MetricStatus.Breach)?.Seller;

    /// <summary>A seller's standing under one pack: its worst judged metric; insufficient data only when nothing was judged.</summary>
    public static MetricStatus Worst(SellerEvaluation s)
    {
        var judged = s.Metrics.Where(m => m.Definition.Standard is not null && m.Status != MetricStatus.InsufficientData).ToList();
        if (judged.Count == 0) return MetricStatus.InsufficientData;
        if (judged.Exists(m => m.Status == MetricStatus.Breach)) return MetricStatus.Breach;
        return judged.Exists(m => m.Status == MetricStatus.AtRisk) ? MetricStatus.AtRisk : MetricStatus.Good;
    }
}
