using System.CommandLine;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary><c>standing explain</c>: one seller's numbers down to the items that counted.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var events = CommonOptions.Events();
        var db = CommonOptions.Db(required: false);
        var marketplace = CommonOptions.Marketplace();
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var seller = new Option<string>("--seller") { Description = "the seller to explain", Required = true };
        var metric = new Option<string?>("--metric") { Description = "only this metric" };
        var format = CommonOptions.Format();
        var rejects = CommonOptions.Rejects();
        var items = new Option<string>("--items")
        {
            Description = "which items to list under each metric: counted, excluded, pending or all (the summary counts them all)",
            DefaultValueFactory = _ => "counted",
        }.AcceptOnlyFromAmong(ExplainItemsText.Names);
        var limit = new Option<int>("--limit")
        {
            Description = "list at most N items per group, then say how many more",
            DefaultValueFactory = _ => ExplainItemsText.DefaultLimit,
        };
        var command = new Command("explain", "Show what counted in each metric and why: a summary per metric, then the items")
        {
            events, db, marketplace, policy, asOf, seller, metric, format, items, limit, rejects,
        };
        command.SetAction(parse => Run(
            parse.GetValue(events), CommonOptions.TargetOrFiles(parse, db, marketplace), parse.GetValue(policy)!, parse.GetValue(asOf)!, parse.GetValue(seller)!,
            parse.GetValue(metric), parse.GetValue(format)!, ExplainItemsText.Parse(parse.GetValue(items)!), parse.GetValue(limit), parse.GetValue(rejects), CommonOptions.EventsMarketplace(parse, db, marketplace)));
        return command;
    }

    private static int Run(string[]? eventFiles, string? db, string policyRef, string asOfText, string seller, string? metric, string format, ExplainItems items, int limit, string? rejectsPath, string? marketplace = null)
    {
        var stderr = Consoles.Error;
        if (limit < 0)
        {
            stderr.WriteLine($"--limit {limit}: must be 0 or more");
            return ExitCodes.Error;
        }
        if (!PolicyInput.TryLoadAt(policyRef, asOfText, stderr, out var policy, out var asOf)) return ExitCodes.Error;
        if (metric is not null && !policy.Metrics.Any(m => m.Id == metric))
        {
            stderr.WriteLine($"unknown metric \"{metric}\" in policy {policy.Id}; its metrics: {string.Join(", ", policy.Metrics.Select(m => m.Id))}");
            return ExitCodes.Error;
        }
        var evaluator = new PolicyEvaluator(policy);
        if (!DisputeInput.TryLoad(db, seller, stderr, out var disputes)) return ExitCodes.Error;
        var withoutDisputed = disputes.Count == 0 ? evaluator : new PolicyEvaluator(DisputeExclusion.Apply(policy, disputes, asOf));
        IReadOnlyList<SellerFacts> facts;
        var rejected = 0;
        SellerEvaluation result;
        if (evaluator.ComparesSellers && StoreBatches.Applies(eventFiles, db, rejectsPath))
        {
            // Judged against every seller of the store: their judged metrics pooled a batch at a time, then
            // this seller's facts read alone, so only a batch's facts are held at once.
            if (!StoreBatches.TryOpen(db!, seller, asOf, FactProjection.Chunk, stderr, out var batches)) return ExitCodes.Error;
            using (batches)
            {
                var pool = withoutDisputed.JudgePeers(batches!.Facts(), asOf);
                facts = batches.Knows(seller) ? batches.FactsOf(seller) : [new SellerFacts(seller, [], [], [])];
                result = withoutDisputed.Evaluate(facts, asOf, pool, explain: true, only: seller).Sellers[0];
            }
        }
        else
        {
            if (!FactInput.TryLoad(eventFiles, db, seller, asOf, rejectsPath, stderr, out facts, out rejected, marketplace: marketplace, keepOthers: evaluator.ComparesSellers)) return ExitCodes.Error;
            result = withoutDisputed.Evaluate(facts, asOf, explain: true, only: seller).Sellers[0];
        }
        if (metric is not null) result = result with { Metrics = result.Metrics.Where(m => m.Id == metric).ToList() };
        var evaluation = new PolicyEvaluation(policy, asOf, [result]);
        var sellerFacts = facts.FirstOrDefault(f => f.Seller == seller);
        var forecast = sellerFacts is null ? null : new SellerForecaster(withoutDisputed.Policy).Forecast(sellerFacts, asOf, metric, evaluation: result);
        if (format == OutputFormat.Json) OutputFormat.WriteJson(stdout => ExplanationDocument.Write(stdout, evaluation, disputes, sellerFacts, forecast));
        else if (format == OutputFormat.Csv) ExplainRows.For(result, items, sellerFacts).WriteCsv(Console.Out);
        else ExplainWriter.Write(Consoles.Out, evaluation, result, disputes, sellerFacts, items, limit, forecast);
        return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }
}
