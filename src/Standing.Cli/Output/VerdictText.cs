using System.Text.RegularExpressions;
using Spectre.Console;
using Standing.Core.Policies;

namespace Standing.Cli.Output;

/// <summary>How a rule's verdict and the reasons of items read: each thing said once.</summary>
internal static partial class VerdictText
{
    /// <summary>"warning: TRIGGERED" when the rule is named after its outcome, else "rule → outcome: TRIGGERED" (markup).</summary>
    public static string Header(RuleVerdict o)
    {
        var verdict = o.Triggered ? "[red bold]TRIGGERED[/]" : "[green]not triggered[/]";
        var name = o.Id == o.Outcome ? o.Id : $"{o.Id} → {o.Outcome}";
        return $"{Markup.Escape(name)}: {verdict}";
    }

    /// <summary>
    /// A reason without a condition repeated as its own value: "has_case = true (has_case = true)"
    /// reads "has_case = true"; "stars ≤ 2 (stars = 1)" keeps the value, which says something.
    /// </summary>
    public static string Concise(string reason) => Repeated().Replace(reason, "${c}");

    [GeneratedRegex(@"(?<=^|; | / |\()(?<c>[^;/()]+?) \(\k<c>\)")]
    private static partial Regex Repeated();
}
