using System.CommandLine;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Data.Documents;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary><c>standing evaluate</c>: every seller (or one) against a policy at an instant.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var events = CommonOptions.Events();
        var db = CommonOptions.Db(required: false);
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var seller = CommonOptions.Seller();
        var format = CommonOptions.Format();
        var rejects = CommonOptions.Rejects();
        var wide = new Option<bool>("--wide") { Description = "one row per seller (its status, its metrics counted by status, its breaches, its outcomes) instead of one per seller and metric" };
        var command = new Command("evaluate", "Measure sellers against a policy as of an instant")
        {
            events, db, policy, asOf, seller, format, wide, rejects,
        };
        command.SetAction(parse => Run(
            parse.GetValue(events), parse.GetValue(db), parse.GetValue(policy)!, parse.GetValue(asOf)!, parse.GetValue(seller),
            parse.GetValue(format)!, parse.GetValue(wide), parse.GetValue(rejects)));
        return command;
    }

    private static int Run(string[]? eventFiles, string? db, string policyRef, string asOfText, string? seller, string format, bool wide, string? rejectsPath)
    {
        var stderr = Consoles.Error;
        if (!PolicyInput.TryLoadAt(policyRef, asOfText, stderr, out var policy, out var asOf)) return ExitCodes.Error;
        var evaluator = new PolicyEvaluator(policy);
        if (!FactInput.TryLoad(eventFiles, db, seller, asOf, rejectsPath, stderr, out var facts, out var rejected, keepOthers: evaluator.ComparesSellers)) return ExitCodes.Error;

        if (!DisputeInput.TryLoad(db, seller, stderr, out var disputes)) return ExitCodes.Error;
        var evaluation = evaluator.Evaluate(facts, asOf, only: seller);
        if (disputes.Count > 0)
        {
            // Sellers with accepted disputes are evaluated again without the disputed items.
            var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
            var factsOf = facts.ToDictionary(f => f.Seller, StringComparer.Ordinal);
            var sellers = evaluation.Sellers.Select(s => bySeller[s.Seller].Any()
                ? new PolicyEvaluator(DisputeExclusion.Apply(policy, bySeller[s.Seller].ToList(), asOf)).EvaluateSeller(factsOf[s.Seller], asOf)
                : s).ToList();
            evaluation = evaluation with { Sellers = sellers };
        }
        if (format == OutputFormat.Json) OutputFormat.WriteJson(stdout => EvaluationDocument.Write(stdout, [evaluation], explain: false));
        else EvaluationTable.Write(Consoles.Out, evaluation, format, wide, oneSeller: seller is not null);
        return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }
}
