using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Core.Tests.Metrics;

/// <summary>
/// Congocrea's ODR (orders placed in the 90 days before as-of; defective with a review of 2 stars or fewer,
/// or a case) over one seller's orders held in placement order, in reverse, and with one placed out of the
/// compact range: the same counts, worked out by hand, whichever way the calculator walks them.
/// </summary>
public sealed class RateOverOrdersTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");
    private static readonly BusinessCalendar Utc = new(DateTimeZone.Utc, WorkingHours.AllDay, NoHolidays.Instance);

    private static MetricDefinition Odr() => new()
    {
        Id = "odr",
        Kind = MetricKind.Rate,
        Subject = Subject.Orders,
        Window = new RollingWindow(90),
        AttributeBy = FactFields.Orders["placed_at"],
        Numerator = new Filter(false,
        [
            new Condition(FactFields.Orders["lowest_review_stars"], CompareOp.Le) { Number = 2 },
            new Condition(FactFields.Orders["has_case"], CompareOp.Eq) { Bool = true },
        ], []),
    };

    /// <summary>
    /// 40 orders, order i placed 7i + 1 days before as-of: i = 0…12 are in the window (7·12 + 1 = 85 ≤ 90),
    /// i = 13…39 are not. Every third order (i = 0, 3, 6, 9, 12 in the window; 15… outside) gets a 1-star
    /// review; order 1 a 3-star one (not a defect). Two more at the window's edges: one at its first instant
    /// (2026-03-03T00:00:00Z, 90 days before as-of), counted, with a case; one a second before, not counted.
    /// So 13 + 1 = 14 orders counted, 5 + 1 = 6 of them defective.
    /// </summary>
    private static EventScript Seller(bool reversed, bool farOrder)
    {
        var placements = new List<(string Order, string At)>();
        for (var i = 0; i < 40; i++) placements.Add(($"o-{i:00}", (AsOf - Duration.FromDays((7 * i) + 1)).ToString()));
        placements.Add(("edge-in", "2026-03-03T00:00:00Z"));
        placements.Add(("edge-out", "2026-03-02T23:59:59Z"));
        if (farOrder) placements.Add(("far", "1650-01-01T00:00:00Z"));
        placements.Sort((a, b) => string.CompareOrdinal(a.At, b.At) * (reversed ? -1 : 1));
        var s = new EventScript("shop-1");
        foreach (var (order, at) in placements) s.Placed(order, at);
        for (var i = 0; i < 40; i += 3) s.Review($"o-{i:00}", 1, "2026-05-31T12:00:00Z");
        s.Review("o-01", 3, "2026-05-31T12:00:00Z");
        s.Case("edge-in", "2026-05-31T12:00:00Z");
        s.Case("edge-out", "2026-05-31T12:00:00Z");
        return s;
    }

    [Theory]
    [InlineData(false, false)] // placement order: the window is found by binary search
    [InlineData(true, false)] // reverse order: every order walked
    [InlineData(false, true)] // an order held in full (before 1677): every order walked, exactly
    public void The_same_counts_whichever_order_the_facts_are_held_in(bool reversed, bool farOrder)
    {
        var facts = Assert.Single(FactFolder.Fold(Seller(reversed, farOrder).Events, AsOf));
        // The facts are held in the order their orders came (so the reversed seller really is out of order).
        Assert.Equal(reversed, facts.Orders[0].PlacedAt > facts.Orders[^1].PlacedAt);
        var calculator = MetricCalculator.For(Odr());

        // Twice: the first finds the order of the facts, the second uses what it found.
        for (var pass = 0; pass < 2; pass++)
        {
            var result = calculator.Compute(facts, AsOf, Utc, explain: false);
            Assert.Equal(14, result.Denominator);
            Assert.Equal(6, result.Numerator);
        }
        // Explained, the items are walked one by one the exact way: the same counts.
        var explained = calculator.Compute(facts, AsOf, Utc, explain: true);
        Assert.Equal((14, 6), (explained.Denominator, explained.Numerator));
    }
}
