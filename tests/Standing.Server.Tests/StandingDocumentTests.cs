using System.Text;
using NodaTime;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Policies;
using Standing.Server.Endpoints;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// A first standing read of a seller under a standard that does not compare sellers is computed on one connection from
/// the facts the policy reads, the seller evaluated alone (<see cref="StandingDocument"/>): its document must be the one
/// the whole facts give, evaluated as <c>evaluate --db</c> evaluates them and forecast from the same whole facts. Each
/// built-in standard that does not compare sellers, <see cref="Marketplace"/>'s sellers, at its as-of and a day
/// after its orders.
/// </summary>
public sealed class StandingDocumentTests : IClassFixture<SqliteTarget>
{
    private readonly SqliteTarget _stores;

    public StandingDocumentTests(SqliteTarget stores) => _stores = stores;

    [Fact]
    public async Task A_first_read_gives_the_document_of_the_whole_facts_under_every_standard_that_does_not_compare_sellers()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        var access = new StoreAccess(server.Target);
        var compared = 0;
        foreach (var id in BuiltInPacks.Ids)
        {
            var policy = BuiltInPacks.Shared(id);
            if (CompiledPolicies.Evaluator(policy).ComparesSellers) continue;
            foreach (var asOf in new[] { Instant.FromUtc(2026, 4, 1, 0, 0), Instant.FromUtc(2026, 3, 3, 0, 0) })
            {
                foreach (var seller in new[] { "shop-a", "shop-b" })
                {
                    var sellerRead = access.SellerRead(id, seller)!;
                    Assert.Equal(Whole(server.Target, policy, asOf, seller), Encoding.UTF8.GetString(StandingDocument.Of(access, policy, asOf, seller, sellerRead)!));
                    compared++;
                }
            }
        }
        Assert.True(compared >= 8, $"only {compared} documents compared: fewer standards that do not compare sellers than expected");
        Assert.Null(StandingDocument.Of(access, BuiltInPacks.Shared("congocrea"), Instant.FromUtc(2026, 4, 1, 0, 0), "shop-nobody", access.SellerRead("congocrea", "shop-nobody")!));
    }

    /// <summary>The seller's document from every seller's whole facts, evaluated together and forecast from its whole facts.</summary>
    private static string Whole(string target, Standing.Core.Policies.Policy policy, Instant asOf, string seller)
    {
        using var events = EventStore.Open(target, create: false);
        var facts = new FactProjection(events).FactsAsOf(asOf);
        var evaluation = new PolicyEvaluator(policy).Evaluate(facts, asOf, only: seller);
        var forecast = new Standing.Core.Forecasting.SellerForecaster(policy).Forecast(facts.Single(f => f.Seller == seller), asOf);
        using var buffer = new MemoryStream();
        EvaluationJson.Write(buffer, [evaluation], explain: false, metricExtras: (json, m) => ExplanationDocument.WriteForecast(json, evaluation, m, forecast));
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
