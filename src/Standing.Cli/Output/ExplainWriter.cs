using Spectre.Console;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Data.Documents;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Output;

/// <summary>
/// The long form of one seller's evaluation: each metric with its definition, window and standard, a
/// summary of what counted, what was left out (reasons grouped) and what is pending, then the items
/// asked for (<see cref="ExplainItems"/>, at most a limit per group), then each rule's verdict.
/// </summary>
internal static class ExplainWriter
{
    public static void Write(IAnsiConsole console, PolicyEvaluation evaluation, SellerEvaluation seller, IReadOnlyList<Dispute>? disputes = null, SellerFacts? facts = null,
        ExplainItems items = ExplainItems.Counted, int limit = ExplainItemsText.DefaultLimit, Standing.Core.Forecasting.SellerForecast? forecast = null)
    {
        var policy = evaluation.Policy;
        var zone = policy.Zone;
        console.MarkupLine($"[bold]{Markup.Escape(seller.Seller)}[/] under [bold]{Markup.Escape(policy.Name)}[/] ({policy.Id} v{policy.Version}) as of {Formats.Instant(evaluation.AsOf, zone)}");
        foreach (var m in seller.Metrics)
        {
            var d = m.Definition;
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(d.Id)}[/] = [{Formats.StatusColor(m.Status)}]{Formats.Value(m)} ({m.Status.Wire()})[/]  {Formats.Fraction(m)}{(m.Pending > 0 ? $", {m.Pending} pending" : "")}");
            console.MarkupLine($"  [grey]{Markup.Escape(d.Title)}[/]");
            var start = m.Window.Start is { } s ? Formats.Instant(s, zone) : "the beginning";
            console.MarkupLine($"  window: {Markup.Escape(d.Window.Describe())} by {d.AttributeBy.Name}: [[{start}, {Formats.Instant(m.Window.End, zone)})");
            if (m.WindowChoice is { } choice && d.Window is AdaptiveWindow adaptive) console.MarkupLine($"  window used: {Markup.Escape(choice.Reason(adaptive))}");
            if (d.Numerator is { } n) console.MarkupLine($"  counts: {Markup.Escape(n.ToString())}");
            if (d.Population != Filter.Everything) console.MarkupLine($"  among: {Markup.Escape(d.Population.ToString())}");
            if (d.Standard is { } st) console.MarkupLine($"  standard: {Markup.Escape(Formats.Standard(st, d.Kind))}");
            if (GuardText.Of(m) is { } guard) console.MarkupLine("  " + Markup.Escape(guard));
            if (m.PValue is { } p) console.MarkupLine(Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  against the other sellers: catalog rate {Formats.Share(m.PeerRate)}, percentile {m.Percentile:0.###} (1 = the worst), one-sided binomial p = {p:0.###e+0}")));
            var excluded = DisputeExclusion.Excluded(policy, d, disputes ?? [], evaluation.AsOf, facts);
            WriteSummary(console, m, excluded.Count);
            if (forecast?.Metrics.FirstOrDefault(f => f.Id == d.Id) is { } metricForecast) ForecastText.WriteSummary(console, metricForecast);
            var show = new Shown(items, limit);
            if (show.Counted && facts is not null && ConductPatterns(d) is { } patterns)
            {
                WriteFlagged(console, m, patterns, facts, zone, limit);
            }
            else
            {
                // A mean duration has no numerator: the items it measured are the ones that counted.
                if (show.Counted) WriteItems(console, m, d.Kind == MetricKind.MeanDuration ? ItemRole.Denominator : ItemRole.Numerator,
                    d.Kind == MetricKind.MeanDuration ? "measured" : NumeratorHeading(d), limit, facts);
                if (show.All && d.Kind != MetricKind.MeanDuration) WriteItems(console, m, ItemRole.Denominator, "in the denominator only", limit, facts);
            }
            if (show.Pending) WriteItems(console, m, ItemRole.Pending, "pending (outcome not known at as-of, left out)", limit, facts);
            if (show.Excluded)
            {
                WriteItems(console, m, ItemRole.Excluded, "excused by the standard (left out)", limit, facts);
                if (excluded.Count > 0) console.MarkupLine($"  excluded by accepted disputes: {excluded.Count}");
                foreach (var x in excluded.Take(limit))
                {
                    console.MarkupLine($"    {Markup.Escape(x.Item)}  [grey]dispute {x.Id} accepted by {Markup.Escape(x.DecidedBy ?? "")} at {Formats.Instant(x.DecidedAt!.Value, zone)}: {Markup.Escape(x.Note ?? "")} (seller's reason: {Markup.Escape(x.Reason)})[/]");
                }
                More(console, excluded.Count, limit);
            }
        }
        if (policy.Scorecard is not null) WriteAgents(console, seller, zone, limit);
        console.WriteLine();
        console.MarkupLine("[bold]rules[/]");
        foreach (var o in seller.Outcomes)
        {
            console.MarkupLine("  " + VerdictText.Header(o));
            TextWrap.Write(console, "    ", o.Reason, 6);
        }
        if (policy.Guidance.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]guidance from the standard[/]");
            foreach (var g in policy.Guidance) console.MarkupLine($"  • {Markup.Escape(g)}");
        }
    }

    private static void WriteAgents(IAnsiConsole console, SellerEvaluation seller, NodaTime.DateTimeZone zone, int limit)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]agents[/] ({seller.Agents.Count})");
        foreach (var a in seller.Agents)
        {
            var start = a.Window.Start is { } s ? Formats.Instant(s, zone) : "the beginning";
            console.MarkupLine($"  [bold]{Markup.Escape(a.Agent)}[/]: {Plural.Of(a.Sessions, "session")}, first response {Seconds(a.FirstResponseSeconds)} ({a.FirstResponseStatus.Wire()}), " +
                               $"average response {Seconds(a.AvgResponseSeconds)} over {a.Responses} ({a.AvgResponseStatus.Wire()}), " +
                               $"satisfaction {a.Satisfied}/{a.Rated}, conversion {a.Converted}/{a.Sessions}  [grey][[{start}, {Formats.Instant(a.Window.End, zone)})[/]");
            foreach (var item in a.Items.Take(limit)) console.MarkupLine($"    [grey]{Markup.Escape(item)}[/]");
            More(console, a.Items.Count, limit);
        }
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " s" : "n/a";

    private static string NumeratorHeading(MetricDefinition d) => d.Kind switch
    {
        MetricKind.ShareWithin => "on time (numerator)",
        MetricKind.Count => "counted",
        _ => "counted in the numerator",
    };

    /// <summary>
    /// The patterns of a conduct check: a count of agent messages whose text matches patterns (one
    /// kind of forbidden content per metric); null for any other metric.
    /// </summary>
    private static IReadOnlyList<string>? ConductPatterns(MetricDefinition d) =>
        d.Subject == Subject.AgentMessages && d.Kind == MetricKind.Count && d.Numerator is { } n
            ? n.Conditions.FirstOrDefault(c => c.Op == CompareOp.Matches && c.Field.Name == "text")?.Texts
            : null;

    /// <summary>
    /// Each flagged agent message: its agent, conversation and time, the kind of content (the metric's
    /// id without <c>conduct_</c>), the pattern that matched and the text it matched. The messages
    /// checked and not flagged are only counted.
    /// </summary>
    private static void WriteFlagged(IAnsiConsole console, MetricResult m, IReadOnlyList<string> patterns, SellerFacts facts, NodaTime.DateTimeZone zone, int limit)
    {
        var kind = m.Definition.Id.StartsWith("conduct_", StringComparison.Ordinal) ? m.Definition.Id["conduct_".Length..] : m.Definition.Id;
        var matcher = TextPatterns.Compile(patterns);
        var messages = facts.AgentMessages.ToDictionary(x => x.Message, StringComparer.Ordinal);
        var flagged = ItemOrder.Sort(m.Items.Where(i => i.Role == ItemRole.Numerator), facts).ToList();
        console.MarkupLine($"  flagged messages: {flagged.Count}");
        foreach (var item in flagged.Take(limit))
        {
            if (!messages.TryGetValue(item.Id, out var message))
            {
                console.MarkupLine($"    {Markup.Escape(item.Id)}  [grey]{Markup.Escape(item.Reason)}[/]");
                continue;
            }
            var found = message.Text is { } text ? matcher.Find(text) : null;
            var matched = found is null ? "" : $": \"{found.Text.Trim()}\"";
            console.MarkupLine($"    {Markup.Escape(item.Id)}  agent {Markup.Escape(message.Agent ?? "unnamed")}, conversation {Markup.Escape(message.Conversation)}, " +
                               $"{Formats.Instant(message.At, zone)}  [bold]{Markup.Escape(kind)}[/]{Markup.Escape(matched)}");
        }
        More(console, flagged.Count, limit);
        var clean = m.Items.Count(i => i.Role == ItemRole.Denominator);
        if (clean > 0) console.MarkupLine($"  checked, not flagged: {clean}");
    }

    private static void WriteItems(IAnsiConsole console, MetricResult m, ItemRole role, string heading, int limit, SellerFacts? facts)
    {
        var items = ItemOrder.Sort(m.Items.Where(i => i.Role == role), facts).ToList();
        if (items.Count == 0) return;
        console.MarkupLine($"  {heading}: {items.Count}");
        foreach (var item in items.Take(limit)) TextWrap.Write(console, $"    {item.Id}  ", VerdictText.Concise(item.Reason), 6, "grey");
        More(console, items.Count, limit);
    }

    private static void More(IAnsiConsole console, int count, int limit)
    {
        if (count > limit) console.MarkupLine($"    [grey]… {count - limit} more (--limit {count} shows them all)[/]");
    }

    /// <summary>The numbers first: counted, denominator only, excused (reasons grouped), disputed, pending.</summary>
    private static void WriteSummary(IAnsiConsole console, MetricResult m, int disputed)
    {
        int Count(ItemRole role) => m.Items.Count(i => i.Role == role);
        var parts = new List<string>();
        if (m.Definition.Kind == MetricKind.MeanDuration) parts.Add($"{Count(ItemRole.Denominator)} measured");
        else
        {
            parts.Add($"{Count(ItemRole.Numerator)} counted");
            if (Count(ItemRole.Denominator) > 0) parts.Add($"{Count(ItemRole.Denominator)} in the denominator only");
        }
        var excused = ItemSummary.ExcludedByReason(m);
        if (excused.Count > 0)
            parts.Add($"{excused.Sum(e => e.Count)} left out ({string.Join("; ", excused.Select(e => $"{e.Reason}: {e.Count}"))})");
        if (disputed > 0) parts.Add($"{disputed} excluded by accepted disputes");
        if (Count(ItemRole.Pending) > 0) parts.Add($"{Count(ItemRole.Pending)} pending");
        if (m.Items.Count > 0 || disputed > 0) console.MarkupLine($"  items: {Markup.Escape(string.Join(", ", parts))}");
    }

    /// <summary>Which groups of items --items asks for.</summary>
    private readonly record struct Shown(ExplainItems Items, int Limit)
    {
        public bool All => Items == ExplainItems.All;
        public bool Counted => Items is ExplainItems.Counted or ExplainItems.All;
        public bool Excluded => Items is ExplainItems.Excluded or ExplainItems.All;
        public bool Pending => Items is ExplainItems.Pending or ExplainItems.All;
    }
}
