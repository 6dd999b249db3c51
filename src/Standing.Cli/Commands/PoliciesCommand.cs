using System.CommandLine;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Data.Documents;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Policies;

namespace Standing.Cli.Commands;

/// <summary><c>standing policies list | show ID | validate FILE</c>.</summary>
internal static class PoliciesCommand
{
    public static Command Create()
    {
        var format = CommonOptions.Format();
        var list = new Command("list", "The built-in policies") { format };
        list.SetAction(parse => List(parse.GetValue(format)!));

        var id = new Argument<string>("policy") { Description = "built-in id or policy file" };
        var show = new Command("show", "A policy's metrics, standards, rules, defaults and readings") { id };
        show.SetAction(parse => Show(parse.GetValue(id)!));

        var file = new Argument<string>("file") { Description = "policy YAML file" };
        var validate = new Command("validate", "Check a policy file; lists every error as file:line:column") { file };
        validate.SetAction(parse => Validate(parse.GetValue(file)!));

        return new Command("policies", "Built-in and custom policies") { list, show, validate };
    }

    private static int List(string format)
    {
        var packs = BuiltInPacks.Ids.Select(BuiltInPacks.Load).ToList();
        if (format == OutputFormat.Json)
        {
            OutputFormat.WriteJson(stdout => PolicyListDocument.WriteList(stdout, packs));
            return ExitCodes.Ok;
        }
        // The table counts the metrics (Kuaishou has 21; policies show ID lists them); CSV names them, separated by semicolons.
        var listing = format == OutputFormat.Csv
            ? new Listing("id", "version", "name", "time_zone", "metrics", "rules")
            : new Listing("id", "version", "name", "time zone", "metrics", "rules").NoWrap("id", "version", "time zone").RightAlign("metrics", "rules");
        foreach (var p in packs)
        {
            if (format == OutputFormat.Csv)
                listing.Add(p.Id, p.Version, p.Name, p.Zone.Id, string.Join(";", p.Metrics.Select(m => m.Id)), string.Join(";", p.Rules.Select(r => r.Id)));
            else
                listing.Add(p.Id, p.Version, p.Name, p.Zone.Id, p.Metrics.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Rules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        OutputFormat.WriteListing(format, listing, Plural.Of(packs.Count, "policy", "policies") + "; standing policies show ID for one in full");
        return ExitCodes.Ok;
    }

    private static int Show(string idOrPath)
    {
        if (!PolicyInput.TryLoad(idOrPath, Consoles.Error, out var p)) return ExitCodes.Error;
        var console = Consoles.Out;
        console.MarkupLine($"[bold]{Markup.Escape(p.Name)}[/]  {p.Id} v{Markup.Escape(p.Version)}, effective {p.EffectiveFrom:uuuu-MM-dd}, time zone {p.Zone.Id}");
        if (p.Description.Length > 0) console.MarkupLine(Markup.Escape(p.Description.Trim()));
        // One metric per paragraph, as explain shows them: a table of five columns cannot hold 40-character
        // ids and their definitions in 120 columns.
        foreach (var m in p.Metrics)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(m.Id)}[/] ({DocumentText.Wire(m.Kind)}): {Markup.Escape(m.Title)}");
            console.MarkupLine($"  window:   {Markup.Escape($"{m.Window.Describe()} by {m.AttributeBy.Name}")}");
            console.MarkupLine($"  counts:   {Markup.Escape(Counts(m).Replace("\n", "\n            ", StringComparison.Ordinal))}");
            console.MarkupLine($"  standard: {Markup.Escape(m.Standard is { } st ? Formats.Standard(st, m.Kind) : "reported only")}");
        }
        console.WriteLine();
        var kinds = p.Metrics.ToDictionary(m => m.Id, m => m.Kind, StringComparer.Ordinal);
        foreach (var r in p.Rules) ShowRule(console, r, kinds);
        if (p.Scorecard is { } card)
        {
            Section(console, "agent scorecard (per agent: sessions, first_response_seconds, avg_response_seconds, satisfaction, conversion)",
            [
                $"window: {card.Window.Describe()}, a session in the window of its first buyer message",
                $"shifts: the calendar's working hours; response target {card.ResponseTargetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (at least {card.MinResponses} response to judge)",
                $"conversion: an order by the session's buyer within {card.ConversionHours.ToString(System.Globalization.CultureInfo.InvariantCulture)} h after the session",
            ]);
        }
        Section(console, "defaults (Standing's choices where the standard gives no number — not the marketplace's rule)", p.Defaults.Select(d => $"{d.Setting}: {d.Note}"));
        Section(console, "settings", p.Settings.Select(s => $"{s.Key} = {s.Value}"));
        Section(console, "readings (where the source is vague)", p.Readings);
        Section(console, "guidance", p.Guidance);
        return ExitCodes.Ok;
    }

    private static int Validate(string path)
    {
        if (Directory.Exists(path))
        {
            Consoles.Error.WriteLine($"{path}: is a directory, not a policy file (policies validate takes a YAML file)");
            return ExitCodes.Error;
        }
        if (!File.Exists(path))
        {
            Consoles.Error.WriteLine($"{path}: no such file");
            return ExitCodes.Error;
        }
        if (!PolicyInput.TryLoad(path, Consoles.Error, out var p)) return ExitCodes.Error;
        Consoles.Out.MarkupLine($"[green]{Markup.Escape(path)}: valid[/] — policy {p.Id} v{Markup.Escape(p.Version)}, {Plural.Of(p.Metrics.Count, "metric")}, {Plural.Of(p.Rules.Count, "rule")}");
        return ExitCodes.Ok;
    }

    private static void ShowRule(IAnsiConsole console, RuleDefinition r, IReadOnlyDictionary<string, MetricKind> kinds)
    {
        var outcome = r.Tiers.Count > 0 ? string.Join(" | ", r.Tiers.Select(t => t.Outcome)) : r.Outcome;
        var named = r.Id == outcome ? "" : $" → {Markup.Escape(outcome)}";
        console.MarkupLine($"[bold]rule {Markup.Escape(r.Id)}[/]{named}{(r.Award ? " (earned)" : "")}: " +
                           Markup.Escape(r.Versions.Count > 0 ? "versions by effective date" : Describe(r.When, kinds)) +
                           (r.Description.Length > 0 ? $"\n  [grey]{Markup.Escape(r.Description)}[/]" : ""));
        foreach (var v in r.Versions)
            console.MarkupLine($"  from {v.Effective:uuuu-MM-dd}: {Markup.Escape(Describe(v.When, kinds))}");
        foreach (var t in r.Tiers)
        {
            var extra = (t.Penalty.Length > 0 ? "; " + t.Penalty : "") + (t.Fine is { } f ? $"; fine {f}" : "");
            console.MarkupLine($"  tier {Markup.Escape(t.Id)} → {Markup.Escape(t.Outcome)} when {Markup.Escape(Describe(t.When, kinds))}{Markup.Escape(extra)}");
        }
    }

    private static string Counts(MetricDefinition m) => m.Kind switch
    {
        MetricKind.Ratio => $"{m.RatioNumerator}\nper {m.RatioDenominator}",
        MetricKind.Score => "weighted mean of points over the components with data:\n" + string.Join("\n", m.Components.Select(c => c.ToString())),
        MetricKind.ShareWithin => $"{(m.CountsLate ? "late: " : "")}{m.Start!.Name} → {m.End!.Name} within {m.Limit}{(m.BusinessClock ? " (working time)" : "")}" +
                                  (m.Excuse is { } e ? $", excused by {e.Name} first{(m.ExcuseOnlyUnfinished ? " unless finished in time" : "")}" : "") + Among(m),
        MetricKind.MeanDuration => $"mean of {m.Start!.Name} → {m.End!.Name}{(m.BusinessClock ? " (working time)" : "")}" + Among(m),
        _ => (m.Numerator?.ToString() ?? "") + Among(m),
    };

    private static string Among(MetricDefinition m) => m.Population == Filter.Everything ? "" : $"\namong {m.Population}";

    /// <summary>A rule's test with each threshold in its metric's unit (odr ≥ 1%), as evaluate shows values.</summary>
    private static string Describe(RuleTest test, IReadOnlyDictionary<string, MetricKind> kinds) => test switch
    {
        AllOf all => string.Join(" and ", all.Tests.Select(t => Describe(t, kinds))),
        AnyOf any => "(" + string.Join(" or ", any.Tests.Select(t => Describe(t, kinds))) + ")",
        MetricTest { Status: { } s } t => $"{t.Metric} is {s.Wire()}",
        MetricTest t => $"{t.Metric} {Condition.OpText(t.Op)} {(t.Value is { } v ? Formats.Value(v, kinds.TryGetValue(t.Metric, out var k) ? k : null) : "")}",
        _ => "",
    };

    private static void Section(IAnsiConsole console, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) return;
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        foreach (var line in list) console.MarkupLine($"  • {Markup.Escape(line)}");
    }
}
