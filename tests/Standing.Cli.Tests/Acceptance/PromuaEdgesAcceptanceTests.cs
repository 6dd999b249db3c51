using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Prom.ua's peer comparison and its exclusion dates at the edges (STANDARDS.md §2), through the documented commands,
/// worked by hand. As of 2026-06-01 = 2026-06-01T00:00+03:00 (Europe/Kyiv), the 30-day window is
/// [2026-05-02T00:00+03:00, as-of). "Significantly worse" (Reading and Defaults): among the worst 5% of the companies
/// with at least 20 reviews (fewer than 5% of them worse) AND one-sided binomial p &lt; 0.01 against the catalog-wide
/// rate (every company's negatives over every company's reviews, small ones included).
/// </summary>
public sealed class PromuaEdgesAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // promua-peer-edges.ndjson: c-00…c-18 1 negative in 20; w-1 and w-2 12 in 20 (tied worst); "small" 19 of 19
    // negative; "edges" 20 five-star reviews plus: edges-first (2 stars) at the window's first instant (in),
    // edges-before one second earlier and edges-asof at as-of (out), edges-raised 1 → 3 stars before as-of (not
    // negative), edges-removed removed before as-of (left out), edges-removed-late and edges-raised-late removed /
    // raised only after as-of (still 1-star reviews at as-of) → 3 negative of 24.
    // Catalog: (19 + 24 + 19 + 3) / (380 + 40 + 19 + 24) = 65/463 = 14.04%.
    // Ranked: 22 (small has 19 < 20: too few, but in the catalog rate). w-1, w-2: none worse (0/22 < 5%), percentile
    // 22/22 = 1; P(X ≥ 12 | n = 20, p = 65/463) = 2.44e-6 < 0.01 → both breach → both excluded (a tie shares the worst
    // place). c-00: 19 of 22 are not worse (the 19 at 5%) → 0.8636, P(X ≥ 1) = 0.951 → good. edges: 12.5%, 20/22
    // not worse → good.
    [Fact]
    public void Tied_worst_companies_are_both_excluded_and_window_edges_and_later_edits_count_as_at_the_as_of()
    {
        var run = AcceptanceRun.Evaluate("promua-peer-edges.ndjson", "promua", "2026-06-01");
        const string id = "negative_review_rate_30d";
        foreach (var worst in new[] { "w-1", "w-2" })
        {
            run.AssertRate(worst, id, 12, 20, 0.6, "breach");
            var m = run.Metric(worst, id);
            Assert.Equal(1, m.GetProperty("percentile").GetDouble(), 1e-9);
            Assert.Equal(2.4418049943957886e-06, m.GetProperty("p_value").GetDouble(), 1e-12);
            Assert.Equal(65.0 / 463, m.GetProperty("peer_rate").GetDouble(), 1e-9);
            Assert.True(run.Triggered(worst, "catalog_exclusion"));
        }
        run.AssertRate("small", id, 19, 19, 1, "insufficient_data");
        Assert.False(run.Triggered("small", "catalog_exclusion"));
        run.AssertRate("c-00", id, 1, 20, 0.05, "good");
        Assert.Equal(19.0 / 22, run.Metric("c-00", id).GetProperty("percentile").GetDouble(), 1e-9);
        run.AssertRate("edges", id, 3, 24, 0.125, "good");
        Assert.Equal(20.0 / 22, run.Metric("edges", id).GetProperty("percentile").GetDouble(), 1e-9);
    }

    // promua-worst-share.ndjson: 18 companies at 1/20, w-12 at 12/20, w-11 at 11/20: 20 ranked, catalog 41/400 = 10.25%.
    // w-12: none worse → worst; P(X ≥ 12 | 20, 0.1025) = 7.66e-8 → breach. w-11: 1 of 20 worse = 5%, not fewer than
    // 5% → not among the worst 5%, though P(X ≥ 11) = 9.09e-7 is significant: one without the other is at risk
    // (Reading) → not excluded. Percentile 19/20 = 0.95.
    [Fact]
    public void The_second_worst_of_twenty_is_not_in_the_worst_five_percent()
    {
        var run = AcceptanceRun.Evaluate("promua-worst-share.ndjson", "promua", "2026-06-01");
        const string id = "negative_review_rate_30d";
        run.AssertRate("w-12", id, 12, 20, 0.6, "breach");
        Assert.True(run.Triggered("w-12", "catalog_exclusion"));
        run.AssertRate("w-11", id, 11, 20, 0.55, "at_risk");
        Assert.Equal(0.95, run.Metric("w-11", id).GetProperty("percentile").GetDouble(), 1e-9);
        Assert.Equal(9.09316049653135e-07, run.Metric("w-11", id).GetProperty("p_value").GetDouble(), 1e-12);
        Assert.Equal(0.1025, run.Metric("w-11", id).GetProperty("peer_rate").GetDouble(), 1e-9);
        Assert.False(run.Triggered("w-11", "catalog_exclusion"));
    }

    // §2 "Exclusion: minimum duration 14 days. Re-check happens on day 14"; condition 4 "a letter received no later than
    // the re-check day (on or before it)". promua-recheck-dst.ndjson: w's 12 negatives of 20 posted 2026-10-19 among
    // 18 companies at 1/20 → excluded by the run of 2026-10-20 (00:00+03:00, day 0). Kyiv leaves summer time on
    // 2026-10-25, so day 14 starts 2026-11-03T00:00+02:00 — 14 local days, 337 hours. By then w commented all 12
    // negatives (10-25) and earned 10 new 5-star reviews (10-28): rating 52/20 = 2.6 → 102/30 = 3.4 (≥ +0.1); no
    // fakes, no new negatives or complaints; the letter is received 2026-11-03T23:59:59+02:00, the last second of the
    // re-check day. The run of 11-03 finds only the letter missing (still pending that day); the run of 11-04
    // reinstates. The letter opens the operator's letter case, due 14 days after it.
    [Fact]
    public void Day_14_is_counted_in_local_days_across_the_clock_change_and_a_letter_in_its_last_second_reinstates()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("promua-recheck-dst.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-10-19", "--to", "2026-11-05", "--policy", "promua");
        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "promua", "--format", "json").Stdout).RootElement
            .EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!, c => c);
        Assert.Equal(new[] { "catalog_exclusion", "letter" }, cases.Keys.Order(StringComparer.Ordinal));

        var exclusion = cases["catalog_exclusion"];
        Assert.Equal("w", exclusion.GetProperty("seller").GetString());
        Assert.Equal("reinstated", exclusion.GetProperty("state").GetString());
        Assert.Equal(Kyiv("2026-10-20T00:00:00+03:00"), Instant(exclusion, "opened_at"));
        Assert.Equal(Kyiv("2026-11-03T00:00:00+02:00"), DateTimeOffset.Parse(exclusion.GetProperty("data").GetProperty("min_until").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(Kyiv("2026-11-04T00:00:00+02:00"), Instant(exclusion, "closed_at"));

        var notices = Show(db, exclusion.GetProperty("id").GetString()!).GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(3, notices.Count);
        Assert.Contains(notices[0].GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("re-checked on 2026-11-03", StringComparison.Ordinal));
        Assert.StartsWith("Re-check of 2026-11-03: you stay excluded", notices[1].GetProperty("lines")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Re-check of 2026-11-03: your improvement letter arrived on the re-check day", notices[2].GetProperty("lines")[0].GetString(), StringComparison.Ordinal);

        var letter = cases["letter"];
        Assert.Equal(Kyiv("2026-11-03T23:59:59+02:00"), Instant(letter, "opened_at"));
        Assert.Equal(Kyiv("2026-11-17T23:59:59+02:00"), Instant(letter, "due_at"));
    }

    private static DateTimeOffset Kyiv(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public void Dispose() => _dir.Dispose();
}
