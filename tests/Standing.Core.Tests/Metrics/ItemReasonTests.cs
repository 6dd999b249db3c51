using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Core.Tests.Metrics;

/// <summary>
/// An explained item carries its reason twice: the English sentence the CLI and JSON show, unchanged, and
/// the same as data (<see cref="ItemReason"/>) for a page to write in its reader's language. Worked by hand
/// from Congocrea's ODR (defective: a review of 2 stars or fewer, or a case) over three orders.
/// </summary>
public sealed class ItemReasonTests
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

    [Fact]
    public void A_counted_order_gives_the_tests_that_held_with_its_values_and_an_uncounted_one_none()
    {
        // o-1: placed 2026-05-01 10:00, a 1-star review and a case (both tests hold); o-2: placed the next day, a 5-star review.
        var s = new EventScript("shop-1");
        s.Placed("o-1", "2026-05-01T10:00:00Z");
        s.Review("o-1", 1, "2026-05-03T12:00:00Z");
        s.Case("o-1", "2026-05-04T12:00:00Z");
        s.Placed("o-2", "2026-05-02T10:00:00Z");
        s.Review("o-2", 5, "2026-05-03T12:00:00Z");
        var facts = Assert.Single(FactFolder.Fold(s.Events, AsOf));

        var result = MetricCalculator.For(Odr()).Compute(facts, AsOf, Utc, explain: true);

        var counted = result.Items.Single(i => i.Id == "o-1");
        Assert.Equal("placed_at 2026-05-01T10:00:00Z; lowest_review_stars ≤ 2 (lowest_review_stars = 1) / has_case = true (has_case = true)", counted.Reason);
        var why = counted.Why!;
        Assert.Equal(ItemReasonKind.Counted, why.Kind);
        Assert.Equal(new ReasonStamp("placed_at", EventScript.At("2026-05-01T10:00:00Z")), why.Placed);
        Assert.Equal(["lowest_review_stars", "has_case"], why.Tests.Select(t => t.Condition.Field.Name));
        Assert.Equal(new ReasonValue(Number: 1), why.Tests[0].Value);
        Assert.Equal(new ReasonValue(Bool: true), why.Tests[1].Value);

        var clean = result.Items.Single(i => i.Id == "o-2");
        Assert.Equal(ItemRole.Denominator, clean.Role);
        Assert.Equal(ItemReasonKind.NotCounted, clean.Why!.Kind);
        Assert.Empty(clean.Why.Tests);
    }
}
