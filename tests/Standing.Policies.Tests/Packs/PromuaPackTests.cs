using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Prom.ua (docs/standards/promua.md), worked by hand, against all sellers in the data. As of 2026-06-01T00:00+03:00 (Kyiv).
/// A seller is significantly worse when it is among the worst 5 % of sellers with ≥ 20 items AND
/// P(X ≥ k | n, catalog rate) &lt; 0.01; the binomial tails below were summed with exact fractions, independently.
/// </summary>
public sealed class PromuaPackTests
{
    private const string AsOf = "2026-06-01T00:00:00+03:00";

    private static IEnumerable<StandingEvent> Reviews(string seller, int count, int negative, string at = "2026-05-20T12:00:00+03:00")
    {
        var s = new EventScript(seller);
        for (var i = 0; i < count; i++) s.Review($"{seller}-o{i}", i < negative ? 1 : 5, at, $"{seller}-r{i}");
        return s.Events;
    }

    private static IEnumerable<StandingEvent> Complaints(string seller, int orders, int complaints)
    {
        var s = new EventScript(seller);
        for (var i = 0; i < orders; i++) s.Placed($"{seller}-o{i}", "2026-05-10T12:00:00+03:00");
        for (var i = 0; i < complaints; i++) s.Complaint($"{seller}-k{i}", $"{seller}-o{i}", "product", "2026-05-15T12:00:00+03:00");
        return s.Events;
    }

    private static Dictionary<string, SellerEvaluation> Evaluate(IEnumerable<StandingEvent> events)
    {
        var at = EventScript.At(AsOf);
        var evaluation = new PolicyEvaluator(BuiltInPacks.Load("promua")).Evaluate(FactFolder.Fold(events, at), at);
        return evaluation.Sellers.ToDictionary(s => s.Seller);
    }

    private static bool Excluded(SellerEvaluation s) => s.Outcomes.Single(o => o.Id == "catalog_exclusion").Triggered;

    [Fact]
    public void A_seller_with_half_its_reviews_negative_among_typical_sellers_is_excluded()
    {
        // p01..p19: 1 negative of 20 reviews; p20: 10 of 20. Catalog rate = 29/400 = 7.25 % in every window (all posted 05-20).
        // p20: worst (percentile 1), P(X ≥ 10 | 20, 0.0725) ≈ 3.756e-7 < 0.01 → breach over 30, 90 and 365 days → catalog_exclusion.
        // p01: one seller worse (percentile 0.95), 5 % < 7.25 % → good, not excluded.
        var events = Enumerable.Range(1, 19).SelectMany(i => Reviews($"p{i:00}", 20, 1)).Concat(Reviews("p20", 20, 10));

        var sellers = Evaluate(events);

        foreach (var id in new[] { "negative_review_rate_30d", "negative_review_rate_90d", "negative_review_rate_365d", "negative_review_rate" })
        {
            var m = sellers["p20"].Metric(id)!;
            Assert.Equal(0.5, m.Value!.Value, 12);
            Assert.Equal(MetricStatus.Breach, m.Status);
            Assert.Equal(29.0 / 400, m.PeerRate!.Value, 12);
            Assert.Equal(3.7557973872670173e-07, m.PValue!.Value, 1e-12);
        }
        Assert.True(Excluded(sellers["p20"]));
        Assert.Equal(0.95, sellers["p01"].Metric("negative_review_rate_30d")!.Percentile!.Value, 12);
        Assert.Equal(MetricStatus.Good, sellers["p01"].Metric("negative_review_rate_30d")!.Status);
        Assert.False(Excluded(sellers["p01"]));
    }

    [Fact]
    public void A_seller_with_many_complaints_per_order_is_excluded()
    {
        // p01..p19: 1 complaint per 20 orders; p20: 8 per 20. Catalog = 27/400 = 6.75 %.
        // p20: worst, P(X ≥ 8 | 20, 0.0675) ≈ 2.593e-5 < 0.01 → breach → catalog_exclusion.
        var events = Enumerable.Range(1, 19).SelectMany(i => Complaints($"p{i:00}", 20, 1)).Concat(Complaints("p20", 20, 8));

        var sellers = Evaluate(events);

        var m = sellers["p20"].Metric("complaint_rate_30d")!;
        Assert.Equal(8, m.Numerator);
        Assert.Equal(20, m.Denominator);
        Assert.Equal(MetricStatus.Breach, m.Status);
        Assert.Equal(2.5926337565025722e-05, m.PValue!.Value, 1e-10);
        Assert.True(Excluded(sellers["p20"]));
        Assert.Equal(MetricStatus.InsufficientData, sellers["p20"].Metric("negative_review_rate_30d")!.Status);
    }

    [Fact]
    public void Low_quality_over_the_last_year_alone_excludes()
    {
        // p20's 10 negative of 20 reviews were posted 2025-09-01: outside 30 and 90 days (no data there), inside 365.
        // 30 days: only p01..p19, all at 5 % = the catalog rate → good. 365 days: as in the first case → breach → excluded.
        var events = Enumerable.Range(1, 19).SelectMany(i => Reviews($"p{i:00}", 20, 1))
            .Concat(Reviews("p20", 20, 10, "2025-09-01T12:00:00+03:00"));

        var sellers = Evaluate(events);

        Assert.Equal(MetricStatus.InsufficientData, sellers["p20"].Metric("negative_review_rate_90d")!.Status);
        Assert.Equal(MetricStatus.Breach, sellers["p20"].Metric("negative_review_rate_365d")!.Status);
        Assert.True(Excluded(sellers["p20"]));
        Assert.Equal(MetricStatus.Good, sellers["p05"].Metric("negative_review_rate_30d")!.Status);
    }

    [Fact]
    public void Nineteen_reviews_are_too_few_to_be_ranked()
    {
        // p20 has 19 reviews, all negative: below the minimum of 20 → insufficient data, never excluded.
        var events = Enumerable.Range(1, 19).SelectMany(i => Reviews($"p{i:00}", 20, 1)).Concat(Reviews("p20", 19, 19));

        var p20 = Evaluate(events)["p20"];

        Assert.Equal(MetricStatus.InsufficientData, p20.Metric("negative_review_rate_30d")!.Status);
        Assert.False(Excluded(p20));
    }

    private static EventScript Posted(EventScript s, string review, int stars, string at, string? text) =>
        s.Add(EventType.ReviewPosted, at, e => e with { Review = review, Order = "o-" + review, Stars = stars, Text = text });

    [Fact]
    public void Negative_reviews_are_grouped_by_the_first_cause_whose_keyword_the_text_contains()
    {
        // Negative = 1–2 stars, not removed, posted in the last 365 days ([2025-06-01, 2026-06-01) Kyiv).
        //  out_of_stock: r1 (uk "відсутній"), r2 (ru "нет в наличии"), r12 (en, replied), r13 (ru, also names a price change:
        //                the table's first cause wins) → 4, 3 unanswered;
        //  other: r7 (no keyword), r8 (no text) → 2; price_changed r3, no_reaction_to_order r6, slow_feedback r4, delivery_cost r5 → 1 each.
        //  Not counted: r9 (3 stars), r10 (removed), r11 (posted 2025-05-01, outside).
        // Most frequent first; ties in table order, "other" last among equals.
        var s = new EventScript("shop");
        Posted(s, "r1", 1, "2026-05-01T10:00:00+03:00", "Товар відсутній, хоча на сайті був");
        Posted(s, "r2", 2, "2026-05-02T10:00:00+03:00", "Нет в наличии, деньги вернули через неделю");
        Posted(s, "r3", 1, "2026-05-03T10:00:00+03:00", "The price changed after I ordered");
        Posted(s, "r4", 2, "2026-05-04T10:00:00+03:00", "Довго відповідали на питання");
        Posted(s, "r5", 1, "2026-05-05T10:00:00+03:00", "Стоимость доставки выше, чем обещали");
        Posted(s, "r6", 1, "2026-05-06T10:00:00+03:00", "Ніхто не зв'язався після замовлення");
        Posted(s, "r7", 2, "2026-05-07T10:00:00+03:00", "Just bad");
        Posted(s, "r8", 1, "2026-05-08T10:00:00+03:00", null);
        Posted(s, "r9", 3, "2026-05-09T10:00:00+03:00", "out of stock");
        Posted(s, "r10", 1, "2026-05-10T10:00:00+03:00", "sold out").Add(EventType.ReviewRemoved, "2026-05-11T10:00:00+03:00", e => e with { Review = "r10" });
        Posted(s, "r11", 1, "2025-05-01T10:00:00+03:00", "OUT OF STOCK again");
        Posted(s, "r12", 1, "2026-05-12T10:00:00+03:00", "Out of Stock").Add(EventType.ReviewReplied, "2026-05-13T10:00:00+03:00", e => e with { Review = "r12" });
        Posted(s, "r13", 2, "2026-05-13T10:00:00+03:00", "Нет в наличии, и цена изменилась");
        var at = EventScript.At(AsOf);
        var policy = BuiltInPacks.Load("promua");

        var report = RootCauseReport.For(FactFolder.Fold(s.Events, at).Single(), policy.RootCauses!, at, policy.Calendar);

        Assert.Equal(10, report.NegativeReviews);
        Assert.Equal(["out_of_stock", "other", "price_changed", "no_reaction_to_order", "slow_feedback", "delivery_cost"], report.Causes.Select(c => c.Id));
        Assert.Equal([4, 2, 1, 1, 1, 1], report.Causes.Select(c => c.Count));
        var outOfStock = report.Causes[0];
        Assert.Equal(3, outOfStock.Unanswered);
        Assert.Equal(["r13", "r12", "r2"], outOfStock.Examples.Select(e => e.Review)); // 3 examples, newest first
    }

    [Fact]
    public void Apostrophes_of_every_kind_match_a_keyword_written_with_an_ascii_apostrophe()
    {
        // The table's keyword is "ніхто не зв'язався" (ASCII '). By hand: r1 (’ U+2019), r2 (ʼ U+02BC),
        // r3 (` U+0060), r4 (´ U+00B4) and r5 (') all say the same words → no_reaction_to_order 5;
        // r6 "звязався" (no apostrophe at all) is another word → other 1.
        var s = new EventScript("shop");
        Posted(s, "r1", 1, "2026-05-01T10:00:00+03:00", "Ніхто не зв\u2019язався після замовлення");
        Posted(s, "r2", 1, "2026-05-02T10:00:00+03:00", "Ніхто не зв\u02BCязався після замовлення");
        Posted(s, "r3", 1, "2026-05-03T10:00:00+03:00", "НІХТО НЕ ЗВ\u0060ЯЗАВСЯ");
        Posted(s, "r4", 2, "2026-05-04T10:00:00+03:00", "ніхто не зв\u00B4язався");
        Posted(s, "r5", 2, "2026-05-05T10:00:00+03:00", "ніхто не зв'язався");
        Posted(s, "r6", 2, "2026-05-06T10:00:00+03:00", "ніхто не звязався");
        var at = EventScript.At(AsOf);
        var policy = BuiltInPacks.Load("promua");

        var report = RootCauseReport.For(FactFolder.Fold(s.Events, at).Single(), policy.RootCauses!, at, policy.Calendar);

        Assert.Equal(["no_reaction_to_order", "other"], report.Causes.Select(c => c.Id));
        Assert.Equal([5, 1], report.Causes.Select(c => c.Count));
        // And a keyword written with ’ matches a text written with ' (both sides are folded).
        Assert.Equal(0, RootCauseReport.Classify("Ніхто не зв'язався", [[RootCauseReport.Fold("зв\u2019язався")]]));
    }
}
