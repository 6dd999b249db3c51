using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// Two Prom.ua companies through a full exclusion, as NDJSON and a policy file. The policy (a
/// stand-in for the promua pack, same id and outcome) excludes a company whose negative-review rate
/// over 90 days is 40% or more with at least 4 reviews. Both companies have reviews of 5, 5, 1 and
/// 1 stars in February (rate 2/4 = 50%, rating 3.0), so the run of 2026-03-01 (Kyiv midnight)
/// excludes both; day 14 is 2026-03-15. Both then comment one negative review, resolve the other and
/// earn two 5-star reviews (rating 22/6 ≈ 3.67, up 0.67 ≥ 0.1); only shop-letter writes the improvement
/// letter, on day 10 (2026-03-11).
/// </summary>
internal static class PromuaHistory
{
    public const string Policy = """
        id: promua
        version: "test"
        name: Prom.ua stand-in for the enforcement tests
        effective_from: 2024-01-01
        time_zone: Europe/Kyiv
        metrics:
          - id: negative_review_rate
            title: Reviews of 2 stars or fewer
            kind: rate
            subject: reviews
            window: { rolling_days: 90 }
            attribute_by: posted_at
            numerator: { field: stars, op: le, value: 2 }
            standard:
              direction: lower_is_better
              threshold: 0.4
              threshold_inclusive: true
              min_sample: 4
        rules:
          - id: catalog_exclusion
            outcome: catalog_exclusion
            when:
              all:
                - { metric: negative_review_rate, op: ge, value: 0.4 }
                - { metric: negative_review_rate, status: breach }
        """;

    /// <summary>
    /// The stand-in judged against the other companies, as Prom.ua is: the same rate and rule, with a peer standard
    /// instead of a threshold. With the four <see cref="Peers"/> (four 5-star reviews each in February: rate 0) the
    /// catalog rate is 4/24 ≈ 0.167; each excluded company's 2 of 4 is the worst (percentile 1, among the worst half)
    /// and its one-sided binomial p-value, 1 − P(X ≤ 1 | n = 4, p = 1/6) ≈ 0.13, is below α = 0.5: a breach. From
    /// 6 March its rate is 2/6 ≈ 0.33, below the rule's 0.4: nothing is triggered while the re-check and the letter
    /// are due, so only their cases make the run read the company's facts again.
    /// </summary>
    public static string PeerPolicy => Policy.Replace("""
              threshold: 0.4
              threshold_inclusive: true
              min_sample: 4
        """, """
              peer: { worst_share: 0.5, alpha: 0.5, min_sample: 4 }
        """, StringComparison.Ordinal);

    /// <summary>Four companies with four 5-star reviews each in February: the peers of <see cref="PeerPolicy"/>.</summary>
    public static string Peers() => string.Concat(
        from shop in Enumerable.Range(1, 4)
        from review in Enumerable.Range(1, 4)
        select NdjsonEventWriter.ToLine(new StandingEvent
        {
            Id = $"shop-good{shop}-{review}", Type = EventType.ReviewPosted, Seller = $"shop-good{shop}",
            At = NodaTime.Instant.FromUtc(2026, 2, review, 8, 0), Review = $"shop-good{shop}-r{review}", Order = $"o{review}", Stars = 5,
        }) + "\n");

    public static List<StandingEvent> Events()
    {
        var events = new List<StandingEvent>();
        foreach (var seller in new[] { "shop-letter", "shop-silent" })
        {
            var n = 0;
            StandingEvent E(EventType type, string at, Func<StandingEvent, StandingEvent> with) =>
                with(new StandingEvent { Id = $"{seller}-{++n}", Type = type, At = NodaTime.Text.OffsetDateTimePattern.Rfc3339.Parse(at).GetValueOrThrow().ToInstant(), Seller = seller });
            events.Add(E(EventType.ReviewPosted, "2026-02-01T10:00:00+02:00", e => e with { Review = seller + "-r1", Order = "o1", Stars = 5 }));
            events.Add(E(EventType.ReviewPosted, "2026-02-02T10:00:00+02:00", e => e with { Review = seller + "-r2", Order = "o2", Stars = 5 }));
            events.Add(E(EventType.ReviewPosted, "2026-02-03T10:00:00+02:00", e => e with { Review = seller + "-r3", Order = "o3", Stars = 1 }));
            events.Add(E(EventType.ReviewPosted, "2026-02-04T10:00:00+02:00", e => e with { Review = seller + "-r4", Order = "o4", Stars = 1 }));
            events.Add(E(EventType.ReviewReplied, "2026-03-03T09:00:00+02:00", e => e with { Review = seller + "-r3" }));
            events.Add(E(EventType.ReviewResolved, "2026-03-04T09:00:00+02:00", e => e with { Review = seller + "-r4" }));
            events.Add(E(EventType.ReviewPosted, "2026-03-05T10:00:00+02:00", e => e with { Review = seller + "-r5", Order = "o5", Stars = 5 }));
            events.Add(E(EventType.ReviewPosted, "2026-03-06T10:00:00+02:00", e => e with { Review = seller + "-r6", Order = "o6", Stars = 5 }));
            if (seller == "shop-letter")
                events.Add(E(EventType.SellerPlanSubmitted, "2026-03-11T12:00:00+02:00", e => e with { Text = "Problem: late answers. Solution: a second agent." }));
        }
        return events;
    }

    public static string Ndjson() => string.Concat(Events().Select(e => NdjsonEventWriter.ToLine(e) + "\n"));
}
