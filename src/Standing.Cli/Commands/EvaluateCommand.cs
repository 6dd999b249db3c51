using System.CommandLine;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary><c>standing evaluate</c>: every seller (or one) against a policy at an instant.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var events = CommonOptions.Events();
        var db = CommonOptions.Db(required: false);
        var marketplace = CommonOptions.Marketplace();
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var seller = CommonOptions.Seller();
        var format = CommonOptions.Format();
        var rejects = CommonOptions.Rejects();
        var batch = CommonOptions.Batch();
        var wide = new Option<bool>("--wide") { Description = "one row per seller (its status, its metrics counted by status, its breaches, its outcomes) instead of one per seller and metric" };
        var command = new Command("evaluate", "Measure sellers against a policy as of an instant")
        {
            events, db, marketplace, policy, asOf, seller, format, wide, rejects, batch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(events), CommonOptions.TargetOrFiles(parse, db, marketplace), parse.GetValue(policy)!, parse.GetValue(asOf)!, parse.GetValue(seller),
            parse.GetValue(format)!, parse.GetValue(wide), parse.GetValue(rejects), parse.GetValue(batch), CommonOptions.EventsMarketplace(parse, db, marketplace)));
        return command;
    }

    private static int Run(string[]? eventFiles, string? db, string policyRef, string asOfText, string? seller, string format, bool wide, string? rejectsPath, int batchSize = FactProjection.Chunk, string? marketplace = null)
    {
        var stderr = Consoles.Error;
        if (batchSize < 1)
        {
            stderr.WriteLine("--batch must be at least 1");
            return ExitCodes.Error;
        }
        if (!PolicyInput.TryLoadAt(policyRef, asOfText, stderr, out var policy, out var asOf)) return ExitCodes.Error;
        var evaluator = new PolicyEvaluator(policy);
        PolicyEvaluation evaluation;
        var rejected = 0;
        if (!DisputeInput.TryLoad(db, seller, stderr, out var disputes)) return ExitCodes.Error;
        if (StoreBatches.Applies(eventFiles, db, rejectsPath) && (seller is null || evaluator.ComparesSellers))
        {
            // Every seller (or one judged against all) from the store's facts, a batch at a time.
            // Only the lists of facts the policy reads are decoded (an evaluation of orders makes no review, no chat).
            if (!StoreBatches.TryOpen(db!, seller, asOf, batchSize, stderr, out var batches, evaluator.Reads)) return ExitCodes.Error;
            using (batches)
            {
                evaluation = Batched(batches!, evaluator, seller, disputes);
            }
        }
        else
        {
            if (!FactInput.TryLoad(eventFiles, db, seller, asOf, rejectsPath, stderr, out var facts, out rejected, marketplace: marketplace, keepOthers: evaluator.ComparesSellers)) return ExitCodes.Error;
            evaluation = WithoutDisputed(evaluator.Evaluate(facts, asOf, only: seller), facts, disputes);
        }
        if (format == OutputFormat.Json) OutputFormat.WriteJson(stdout => EvaluationDocument.Write(stdout, [evaluation], explain: false));
        else EvaluationTable.Write(Consoles.Out, evaluation, format, wide, oneSeller: seller is not null);
        return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }

    /// <summary>
    /// The evaluation over a store's batches: a standard that compares sellers pools every batch's judged
    /// metrics first, then each batch is evaluated against that pool, as if all were evaluated at once.
    /// A seller known only after as-of has no facts and is evaluated as such, against the pool.
    /// </summary>
    private static PolicyEvaluation Batched(StoreBatches batches, PolicyEvaluator evaluator, string? seller, IReadOnlyList<Dispute> disputes)
    {
        var asOf = batches.AsOf;
        var pool = evaluator.ComparesSellers ? evaluator.JudgePeers(batches.Facts(), asOf) : null;
        IEnumerable<IReadOnlyList<SellerFacts>> walk = seller is null ? batches.Facts()
            : batches.Knows(seller) ? [batches.FactsOf(seller)]
            : [[new SellerFacts(seller, [], [], [])]];
        var sellers = new List<SellerEvaluation>();
        foreach (var facts in walk)
        {
            var part = pool is null ? evaluator.Evaluate(facts, asOf) : evaluator.Evaluate(facts, asOf, pool, only: seller);
            sellers.AddRange(WithoutDisputed(part, facts, disputes).Sellers);
        }
        return new PolicyEvaluation(evaluator.Policy, asOf, [.. sellers.OrderBy(s => s.Seller, StringComparer.Ordinal)]);
    }

    /// <summary>Sellers with accepted disputes evaluated again without the disputed items.</summary>
    private static PolicyEvaluation WithoutDisputed(PolicyEvaluation evaluation, IReadOnlyList<SellerFacts> facts, IReadOnlyList<Dispute> disputes)
    {
        if (disputes.Count == 0) return evaluation;
        var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
        var factsOf = facts.ToDictionary(f => f.Seller, StringComparer.Ordinal);
        var sellers = evaluation.Sellers.Select(s => bySeller[s.Seller].Any()
            ? new PolicyEvaluator(DisputeExclusion.Apply(evaluation.Policy, bySeller[s.Seller].ToList(), evaluation.AsOf)).EvaluateSeller(factsOf[s.Seller], evaluation.AsOf)
            : s).ToList();
        return evaluation with { Sellers = sellers };
    }
}
