using System.Net;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Policies;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// Every seller's evaluation advanced from the last one (<see cref="EverySeller"/>: only the sellers whose events
/// or disputes changed are evaluated again) equals evaluating every seller afresh, read through a new access
/// (nothing kept). Under congocrea as of 2026-04-01 on <see cref="Marketplace"/> (ODR: reviews of 1–2 stars over
/// orders placed in 90 days): shop-a 3/10, shop-b 0/4; then shop-b's 1-star review of b-o1 (1/4), a new seller
/// shop-e with one order (0/1), and shop-a's dispute of a-o1 accepted (2/9).
/// </summary>
public sealed class EverySellerTests : IClassFixture<SqliteTarget>
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 4, 1, 0, 0);
    private readonly SqliteTarget _stores;

    public EverySellerTests(SqliteTarget stores) => _stores = stores;

    [Fact]
    public async Task An_advanced_evaluation_of_every_seller_equals_a_fresh_one()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf - Duration.FromHours(1)) });
        var access = new StoreAccess(server.Target);
        var policy = BuiltInPacks.Shared("congocrea");
        Assert.Equal([0.3, 0.0], Odr(Evaluations.All(access, policy, AsOf), "shop-a", "shop-b"));

        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(
            """{"id":"b-r1","type":"review.posted","at":"2026-03-10T10:00:00Z","seller":"shop-b","review":"b-rv1","order":"b-o1","stars":1}""" + "\n"
            + Marketplace.Placed("e-p1", "shop-e", "e-o1", 1) + "\n")).Json();
        var advanced = Evaluations.All(access, policy, AsOf);
        Assert.Equal([0.3, 0.25, 0.0], Odr(advanced, "shop-a", "shop-b", "shop-e"));
        Assert.Equal(Text(Evaluations.All(new StoreAccess(server.Target), policy, AsOf)), Text(advanced));

        var operatorKey = server.Client("operator");
        var dispute = await operatorKey.PostAsync("/v1/disputes", ServerHarness.Json(
            """{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"the buyer reviewed the wrong order"}""")).Json(HttpStatusCode.Created);
        await operatorKey.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"confirmed"}""")).Json();
        var disputed = Evaluations.All(access, policy, AsOf);
        Assert.Equal(2.0 / 9, Odr(disputed, "shop-a")[0], 12);
        Assert.Equal(Text(Evaluations.All(new StoreAccess(server.Target), policy, AsOf)), Text(disputed));
    }

    private static double[] Odr(PolicyEvaluation evaluation, params string[] sellers) =>
        sellers.Select(s => evaluation.Sellers.Single(e => e.Seller == s).Metric("odr")!.Value ?? double.NaN).ToArray();

    /// <summary>Every seller's metrics (value, status, numerator and denominator), in the evaluation's order, to compare two.</summary>
    private static string Text(PolicyEvaluation evaluation) =>
        string.Join("\n", evaluation.Sellers.Select(s => s.Seller + ": " + string.Join("; ", s.Metrics.Select(m =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Id} {m.Value:R} {m.Status} {m.Numerator}/{m.Denominator} pending {m.Pending} {m.Guard}")))));
}
