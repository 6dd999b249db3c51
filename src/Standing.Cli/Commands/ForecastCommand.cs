using System.CommandLine;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Data.Documents;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary><c>standing forecast</c>: when a seller's metrics would be good again, and how many more defects they can take.</summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var events = CommonOptions.Events();
        var db = CommonOptions.Db(required: false);
        var marketplace = CommonOptions.Marketplace();
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var seller = new Option<string>("--seller") { Description = "the seller to forecast", Required = true };
        var metric = new Option<string?>("--metric") { Description = "only this metric" };
        var days = new Option<int?>("--days") { Description = $"days to forecast (1 to {SellerForecaster.MaxDays}); default: each metric's next cycle, until every item counted now has left its window" };
        var format = CommonOptions.Format(listing: false);
        var rejects = CommonOptions.Rejects();
        var command = new Command("forecast", "Forecast a seller's metrics: items leaving the window, the value each day if nothing new goes wrong, time to recovery, error budget")
        {
            events, db, marketplace, policy, asOf, seller, metric, days, format, rejects,
        };
        command.SetAction(parse => Run(parse.GetValue(events), CommonOptions.TargetOrFiles(parse, db, marketplace), parse.GetValue(policy)!, parse.GetValue(asOf)!, parse.GetValue(seller)!,
            parse.GetValue(metric), parse.GetValue(days), parse.GetValue(format)!, parse.GetValue(rejects), CommonOptions.EventsMarketplace(parse, db, marketplace)));
        return command;
    }

    private static int Run(string[]? eventFiles, string? db, string policyRef, string asOfText, string seller, string? metric, int? days, string format, string? rejectsPath, string? marketplace = null)
    {
        var stderr = Consoles.Error;
        if (days is < 1 or > SellerForecaster.MaxDays)
        {
            stderr.WriteLine($"--days {days}: must be 1 to {SellerForecaster.MaxDays}");
            return ExitCodes.Error;
        }
        if (!PolicyInput.TryLoadAt(policyRef, asOfText, stderr, out var policy, out var asOf)) return ExitCodes.Error;
        if (metric is not null && !policy.Metrics.Any(m => m.Id == metric))
        {
            stderr.WriteLine($"unknown metric \"{metric}\" in policy {policy.Id}; its metrics: {string.Join(", ", policy.Metrics.Select(m => m.Id))}");
            return ExitCodes.Error;
        }
        // A beta-binomial guard judges the seller on a prior fitted on every seller: they are read and evaluated too.
        var pooled = policy.Metrics.Any(m => m.Standard?.Guard?.Method == GuardMethod.BetaBinomial);
        if (!FactInput.TryLoad(eventFiles, db, seller, asOf, rejectsPath, stderr, out var facts, out var rejected, marketplace: marketplace, keepOthers: pooled)) return ExitCodes.Error;
        if (!DisputeInput.TryLoad(db, seller, stderr, out var disputes)) return ExitCodes.Error;
        // Accepted disputes take their items out of the metric from then on, as in explain.
        var judged = disputes.Count == 0 ? policy : DisputeExclusion.Apply(policy, disputes, asOf);
        var sellerFacts = facts.First(f => f.Seller == seller);
        var evaluation = pooled ? new PolicyEvaluator(judged).Evaluate(facts, asOf, only: seller).Sellers[0] : null;
        var forecast = new SellerForecaster(judged).Forecast(sellerFacts, asOf, metric, days, evaluation);
        if (format == OutputFormat.Json) OutputFormat.WriteJson(stdout => ForecastDocument.Write(stdout, policy, forecast));
        else ForecastText.Write(Consoles.Out, policy, forecast);
        return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }
}
