using System.Globalization;
using Spectre.Console;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Simulation;

namespace Standing.Cli.Output;

/// <summary>The demo's readable summary: per pack, how many sellers are in breach, at risk, warned, and the worst of them.</summary>
internal static class DemoSummary
{
    private const int WorstShown = 5;
    private const int BusyAgentResponses = 10;
    /// <summary>Width of the overview's outcomes column: beside five short columns in 120.</summary>
    private const int OutcomesWidth = 48;

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
                outcomes.Count == 0 ? "[grey]none[/]" : Markup.Escape(TextWrap.Pack(outcomes, OutcomesWidth, 3)));
        }
        console.Write(overview);

        foreach (var e in evaluations)
        {
            var ranked = e.Sellers
                .Where(s => Worst(s) == MetricStatus.Breach || s.Outcomes.Any(o => o.Triggered && !o.Award))
                .OrderByDescending(s => s.Outcomes.Count(o => o.Triggered && !o.Award))
                .ThenByDescending(s => s.Metrics.Count(m => m.Status == MetricStatus.Breach))
                .ThenBy(s => s.Seller, StringComparer.Ordinal)
                .Take(WorstShown)
                .ToList();
            if (e.Policy.Scorecard is not null)
            {
                WriteAgents(console, e); // the agents are what a scorecard pack is about
                continue;
            }
            if (ranked.Count == 0) continue;
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(e.Policy.Name)}[/]: worst sellers")
                .AddColumns("seller", "simulated as", "worst metrics", "outcomes");
            foreach (var s in ranked)
            {
                var metrics = s.Metrics.Where(m => m.Status is MetricStatus.Breach or MetricStatus.AtRisk)
                    .OrderBy(m => m.Status == MetricStatus.Breach ? 0 : 1).Take(3)
                    .Select(m => $"[{Formats.StatusColor(m.Status)}]{Markup.Escape(WorstMetric(m.Id, Formats.Value(m)))}[/]");
                var outcomes = s.Outcomes.Where(o => o.Triggered && !o.Award).Select(o => o.Outcome).ToList();
                table.AddRow(
                    Markup.Escape(s.Seller),
                    profiles.TryGetValue(s.Seller, out var kind) ? kind.ToString().ToLowerInvariant() : "",
                    // One metric or outcome a line: a value stays beside its unit, an id whole.
                    string.Join("\n", metrics),
                    outcomes.Count == 0 ? "[grey]–[/]" : $"[red]{Markup.Escape(string.Join(",\n", outcomes))}[/]");
            }
            console.Write(table);
        }
    }

    /// <summary>
    /// "id value", or the value on a line of its own under a long id, so the column stays narrow enough
    /// for the outcomes beside it and nothing in it is folded (never "24.53" above "h").
    /// </summary>
    public static string WorstMetric(string id, string value) =>
        id.Length + 1 + value.Length <= WorstMetricWidth ? $"{id} {value}" : $"{id}\n  {value}";

    /// <summary>A line of the worst metrics column: a 40-character id and a short value, beside 40 of outcomes in 120.</summary>
    private const int WorstMetricWidth = 44;

    /// <summary>A scorecard pack: how many agents were scored and the slowest of them.</summary>
    private static void WriteAgents(IAnsiConsole console, PolicyEvaluation e)
    {
        var agents = e.Sellers.SelectMany(s => s.Agents.Select(a => (s.Seller, Agent: a))).ToList();
        var slow = agents.Count(x => x.Agent.AvgResponseStatus == MetricStatus.Breach || x.Agent.FirstResponseStatus == MetricStatus.Breach);
        var table = new Table().Border(TableBorder.Simple)
            .Title($"[bold]{Markup.Escape(e.Policy.Name)}[/]: {agents.Count} agents scored, {slow} over the response target; slowest")
            .AddColumns("seller", "agent", "sessions", "first response", "average response", "satisfaction", "conversion");
        // Agents with a real week of work first: one slow answer in one session says little.
        var busy = agents.Where(x => x.Agent.Responses >= BusyAgentResponses).ToList();
        foreach (var (seller, a) in (busy.Count > 0 ? busy : agents).Where(x => x.Agent.AvgResponseSeconds is not null)
                     .OrderByDescending(x => x.Agent.AvgResponseSeconds).ThenBy(x => x.Seller, StringComparer.Ordinal).Take(WorstShown))
        {
            table.AddRow(
                Markup.Escape(seller),
                Markup.Escape(a.Agent),
                a.Sessions.ToString(CultureInfo.InvariantCulture),
                Seconds(a.FirstResponseSeconds, a.FirstResponseStatus),
                Seconds(a.AvgResponseSeconds, a.AvgResponseStatus),
                Share(a.Satisfaction),
                Share(a.Conversion));
        }
        console.Write(table);
    }

    private static string Seconds(double? s, MetricStatus status) =>
        s is { } v ? $"[{Formats.StatusColor(status)}]{v.ToString("0.#", CultureInfo.InvariantCulture)} s[/]" : "[grey]–[/]";

    private static string Share(double? v) => v is { } x ? Formats.Share(x) : "[grey]–[/]";

    /// <summary>A seller worth explaining: the first with a triggered outcome, else the first in breach.</summary>
    public static string? ExampleSeller(PolicyEvaluation evaluation) =>
        evaluation.Sellers.FirstOrDefault(s => s.Outcomes.Any(o => o.Triggered && !o.Award))?.Seller
        ?? evaluation.Sellers.FirstOrDefault(s => Worst(s) == MetricStatus.Breach)?.Seller;

    /// <summary>A seller's standing under one pack: its worst judged metric or agent response time; insufficient data only when nothing was judged.</summary>
    public static MetricStatus Worst(SellerEvaluation s)
    {
        var judged = s.Metrics.Where(m => m.Definition.Standard is not null).Select(m => m.Status)
            .Concat(s.Agents.SelectMany(a => new[] { a.FirstResponseStatus, a.AvgResponseStatus }))
            .Where(status => status != MetricStatus.InsufficientData).ToList();
        if (judged.Count == 0) return MetricStatus.InsufficientData;
        if (judged.Contains(MetricStatus.Breach)) return MetricStatus.Breach;
        return judged.Contains(MetricStatus.AtRisk) ? MetricStatus.AtRisk : MetricStatus.Good;
    }
}
