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

    /// <summary>
    /// Every seller's line (<see cref="SellerLines"/>, what the overview and the sellers list keep) shows what the seller's
    /// evaluation shows (status, each metric's value and status, the outcomes triggered), advanced after the same events
    /// and dispute as above (the same figures: 0.3, 0.25, 0.0, then 2/9), and under Prom.ua, which compares sellers.
    /// </summary>
    [Fact]
    public async Task Every_sellers_line_shows_what_their_evaluation_shows_and_advances_alike()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf - Duration.FromHours(1)) });
        var access = new StoreAccess(server.Target);
        var policy = BuiltInPacks.Shared("congocrea");
        var lines = Evaluations.Lines(access, policy, AsOf);
        Assert.Equal(2, lines.Count);
        Assert.Equal(Shown(Evaluations.All(access, policy, AsOf)), Shown(lines));
        var promua = BuiltInPacks.Shared("promua");
        Assert.Equal(Shown(Evaluations.All(access, promua, AsOf)), Shown(Evaluations.Lines(access, promua, AsOf)));

        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(
            """{"id":"b-r1","type":"review.posted","at":"2026-03-10T10:00:00Z","seller":"shop-b","review":"b-rv1","order":"b-o1","stars":1}""" + "\n"
            + Marketplace.Placed("e-p1", "shop-e", "e-o1", 1) + "\n")).Json();
        var advanced = Evaluations.Lines(access, policy, AsOf);
        Assert.Equal([0.3, 0.25, 0.0], Odr(advanced, "shop-a", "shop-b", "shop-e"));
        Assert.Equal(Shown(Evaluations.All(new StoreAccess(server.Target), policy, AsOf)), Shown(advanced));

        var operatorKey = server.Client("operator");
        var dispute = await operatorKey.PostAsync("/v1/disputes", ServerHarness.Json(
            """{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"the buyer reviewed the wrong order"}""")).Json(HttpStatusCode.Created);
        await operatorKey.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"confirmed"}""")).Json();
        var disputed = Evaluations.Lines(access, policy, AsOf);
        Assert.Equal(2.0 / 9, Odr(disputed, "shop-a")[0], 12);
        Assert.Equal(Shown(Evaluations.All(new StoreAccess(server.Target), policy, AsOf)), Shown(disputed));
        Assert.Equal(Shown(Evaluations.All(new StoreAccess(server.Target), promua, AsOf)), Shown(Evaluations.Lines(access, promua, AsOf)));
    }

    private static double[] Odr(SellerLines lines, params string[] sellers) =>
        sellers.Select(s => lines.ValueOf(lines.Positions()[s], "odr").Value ?? double.NaN).ToArray();

    /// <summary>What the lists show of each seller, in order: its status, each metric's value and status, the outcomes it triggered.</summary>
    private static string Shown(PolicyEvaluation evaluation) => string.Join("\n", evaluation.Sellers.Select(s => Shown(s, SellerStatus.Worst(s))));

    private static string Shown(SellerLines lines) => string.Join("\n", Enumerable.Range(0, lines.Count).Select(i => Shown(lines.Shown(i), lines.Status(i))));

    private static string Shown(SellerEvaluation s, Core.Metrics.MetricStatus status) =>
        s.Seller + " " + status + ": " + string.Join("; ", s.Metrics.Select(m => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Id} {m.Value:R} {m.Status}")))
        + " | " + string.Join(",", s.Outcomes.Where(o => o.Triggered).Select(o => o.Id));

    private static double[] Odr(PolicyEvaluation evaluation, params string[] sellers) =>
        sellers.Select(s => evaluation.Sellers.Single(e => e.Seller == s).Metric("odr")!.Value ?? double.NaN).ToArray();

    /// <summary>Every seller's metrics (value, status, numerator and denominator), in the evaluation's order, to compare two.</summary>
    private static string Text(PolicyEvaluation evaluation) =>
        string.Join("\n", evaluation.Sellers.Select(s => s.Seller + ": " + string.Join("; ", s.Metrics.Select(m =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Id} {m.Value:R} {m.Status} {m.Numerator}/{m.Denominator} pending {m.Pending} {m.Guard}")))));
}
