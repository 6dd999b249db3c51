using Spectre.Console;
using Standing.Core.Evaluation;

namespace Standing.Cli.Output;

/// <summary>The human view of an evaluation: one row per seller, one column per metric.</summary>
internal static class EvaluationTable
{
    public static void Write(IAnsiConsole console, PolicyEvaluation evaluation)
    {
        var policy = evaluation.Policy;
        console.MarkupLine($"[bold]{Markup.Escape(policy.Name)}[/] ({policy.Id} v{policy.Version}) as of {Formats.Instant(evaluation.AsOf, policy.Zone)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("seller");
        foreach (var m in policy.Metrics) table.AddColumn(new TableColumn(Markup.Escape(m.Id)).RightAligned());
        table.AddColumn("outcomes");
        foreach (var seller in evaluation.Sellers)
        {
            var cells = new List<string> { Markup.Escape(seller.Seller) };
            foreach (var m in seller.Metrics)
                cells.Add($"[{Formats.StatusColor(m.Status)}]{Formats.Value(m)} {Formats.StatusWord(m.Status)}[/] [grey]{Formats.Fraction(m)}[/]");
            var triggered = seller.Outcomes.Where(o => o.Triggered).Select(o => o.Outcome).ToList();
            cells.Add(triggered.Count == 0 ? "[grey]none[/]" : "[red bold]" + Markup.Escape(string.Join(", ", triggered)) + "[/]");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }
}
