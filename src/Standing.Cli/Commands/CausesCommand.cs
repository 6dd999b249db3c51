using System.CommandLine;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Data.Documents;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary><c>standing causes</c>: each seller's negative reviews grouped by root cause, with counts and examples.</summary>
internal static class CausesCommand
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
        var command = new Command("causes", "Group each seller's negative reviews by root cause (the policy's keyword table), with counts and examples")
        {
            events, db, marketplace, policy, asOf, seller, format, rejects, batch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(events), CommonOptions.TargetOrFiles(parse, db, marketplace), parse.GetValue(policy)!, parse.GetValue(asOf)!, parse.GetValue(seller),
            parse.GetValue(format)!, parse.GetValue(rejects), parse.GetValue(batch), CommonOptions.EventsMarketplace(parse, db, marketplace)));
        return command;
    }

    private static int Run(string[]? eventFiles, string? db, string policyRef, string asOfText, string? seller, string format, string? rejectsPath, int batchSize, string? marketplace = null)
    {
        var stderr = Consoles.Error;
        if (batchSize < 1)
        {
            stderr.WriteLine("--batch must be at least 1");
            return ExitCodes.Error;
        }
        if (!PolicyInput.TryLoadAt(policyRef, asOfText, stderr, out var policy, out var asOf)) return ExitCodes.Error;
        if (policy.RootCauses is not { } table)
        {
            stderr.WriteLine($"policy {policy.Id} has no root-cause table (\"root_causes\"); the promua pack has one");
            return ExitCodes.Error;
        }
        List<SellerCauses> report;
        var rejected = 0;
        if (seller is null && StoreBatches.Applies(eventFiles, db, rejectsPath))
        {
            // Every seller of a store: its stored facts a batch at a time, only the reports kept.
            if (!StoreBatches.TryOpen(db!, null, asOf, batchSize, stderr, out var batches)) return ExitCodes.Error;
            using (batches)
            {
                report = [.. batches!.Facts().SelectMany(facts => facts.Select(f => RootCauseReport.For(f, table, asOf, policy.Calendar)))
                    .OrderBy(r => r.Seller, StringComparer.Ordinal)];
            }
        }
        else
        {
            if (!FactInput.TryLoad(eventFiles, db, seller, asOf, rejectsPath, stderr, out var facts, out rejected, marketplace: marketplace)) return ExitCodes.Error;
            report = facts
                .Where(f => seller is null || f.Seller == seller)
                .OrderBy(f => f.Seller, StringComparer.Ordinal)
                .Select(f => RootCauseReport.For(f, table, asOf, policy.Calendar))
                .ToList();
        }
        if (format == OutputFormat.Json) OutputFormat.WriteJson(stdout => CausesDocument.Write(stdout, policy, asOf, report));
        else if (format == OutputFormat.Csv) RootCauseTable.Rows(report).WriteCsv(Console.Out);
        else RootCauseTable.WriteTable(Consoles.Out, policy, asOf, report);
        return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }
}
