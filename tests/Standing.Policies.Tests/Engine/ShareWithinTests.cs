using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>share_within on working time, with a deadline field, an excuse and a late count, worked by hand.</summary>
public sealed class ShareWithinTests
{
    private const string WorkingTimePolicy = PolicyRun.Header + """
        calendar:
          business_days: [mon, tue, wed, thu, fri]
          hours: "09:00-17:00"
        metrics:
          - id: answered_in_8_working_hours
            kind: share_within
            subject: cases
            window: lifetime
            attribute_by: opened_at
            start: opened_at
            end: responded_at
            limit: { hours: 8 }
            business_clock: true
        """;

    private static EventScript Responded(EventScript s, string @case, string at) =>
        s.Add(EventType.CaseResponded, at, e => e with { Case = @case });

    [Fact]
    public void A_fixed_limit_on_the_business_clock_is_measured_in_working_time()
    {
        // Mon–Fri 09:00–17:00 UTC; as of Monday 2026-06-08 12:00.
        // c1 Fri 06-05 15:00 → Mon 09:30: 2 h Friday + 0.5 h Monday = 2.5 h ≤ 8 → on time (66.5 h of wall time).
        // c2 Thu 06-04 10:00 → Fri 11:00: 7 h + 2 h = 9 h > 8 → late.
        // c3 Fri 06-05 10:00, unanswered: 7 h Friday + 3 h Monday = 10 h > 8 by as-of → late.
        // c4 Fri 06-05 16:00, unanswered: 1 h + 3 h = 4 h → pending.
        // c5 Thu 06-04 09:00 → Thu 17:00: exactly 8 h → on time.
        // Share = {c1, c5} / {c1, c2, c3, c5} = 2/4.
        var s = new EventScript("shop")
            .Case("o1", "2026-06-05T15:00:00Z", "c1").Case("o2", "2026-06-04T10:00:00Z", "c2")
            .Case("o3", "2026-06-05T10:00:00Z", "c3").Case("o4", "2026-06-05T16:00:00Z", "c4")
            .Case("o5", "2026-06-04T09:00:00Z", "c5");
        Responded(s, "c1", "2026-06-08T09:30:00Z");
        Responded(s, "c2", "2026-06-05T11:00:00Z");
        Responded(s, "c5", "2026-06-04T17:00:00Z");

        var m = PolicyRun.One(WorkingTimePolicy, s, "2026-06-08T12:00:00Z").Metric("answered_in_8_working_hours")!;

        Assert.Equal(2, m.Numerator);
        Assert.Equal(4, m.Denominator);
        Assert.Equal(1, m.Pending);
        Assert.Equal(0.5, m.Value!.Value, 12);
    }

    [Fact]
    public void A_working_time_limit_runs_out_at_an_instant_and_a_finish_after_hours_is_late()
    {
        // Mon–Fri 09:00–17:00 UTC. c6 opened Monday 2026-06-08 08:00 (before hours): its 8 working hours
        // run out Monday 17:00. c7, same start, answered 17:00 exactly → on time; c6 answered 19:00 →
        // late (after the deadline, though no working time passed after 17:00). As of 18:00 the
        // unanswered c8 (same start) is late too, not pending: its deadline has passed.
        var s = new EventScript("shop")
            .Case("o6", "2026-06-08T08:00:00Z", "c6").Case("o7", "2026-06-08T08:00:00Z", "c7").Case("o8", "2026-06-08T08:00:00Z", "c8");
        Responded(s, "c6", "2026-06-08T19:00:00Z");
        Responded(s, "c7", "2026-06-08T17:00:00Z");

        var m = PolicyRun.One(WorkingTimePolicy, s, "2026-06-08T20:00:00Z").Metric("answered_in_8_working_hours")!;
        Assert.Equal((1, 3, 0), (m.Numerator, m.Denominator, m.Pending));

        var early = PolicyRun.One(WorkingTimePolicy, s, "2026-06-08T18:00:00Z").Metric("answered_in_8_working_hours")!;
        Assert.Equal((1, 3, 0), (early.Numerator, early.Denominator, early.Pending)); // c6's answer not known yet: c6 and c8 late, c7 on time
    }

    private const string PickupPolicy = PolicyRun.Header + """
        metrics:
          - id: late_pickup_rate
            kind: share_within
            subject: orders
            window: lifetime
            attribute_by: shipped_at
            start: shipped_at
            end: picked_up_at
            limit: { hours: 24 }
            counts: late
            excuse: first_case_at
          - id: shipped_by_promise
            kind: share_within
            subject: orders
            window: lifetime
            attribute_by: ship_by
            start: placed_at
            end: shipped_at
            limit: { field: ship_by }
            excuse: first_case_at
        """;

    private static EventScript PickedUp(EventScript s, string order, string at) =>
        s.Add(EventType.ShipmentPickedUp, at, e => e with { Order = order });

    [Fact]
    public void Counting_late_items_with_an_excuse_that_came_before_the_end()
    {
        // All shipped 2026-06-01 10:00 UTC except o7; as of 2026-06-05 00:00.
        // o1 picked up after 23 h: on time. o2 after exactly 24 h: on time. o3 after 25 h: late.
        // o4 no pickup, case 10 h after shipping (inside 24 h, before any pickup): excused.
        // o5 no pickup, no case: late. o6 picked up after 2 h, case after 10 h (after the pickup): not excused, on time.
        // o7 shipped 06-04 20:00, no pickup, 4 h old: pending.
        // Late share = {o3, o5} / {o1, o2, o3, o5, o6} = 2/5.
        var s = new EventScript("shop");
        foreach (var o in new[] { "o1", "o2", "o3", "o4", "o5", "o6" }) s.Placed(o, "2026-05-31T10:00:00Z").Shipped(o, "2026-06-01T10:00:00Z");
        s.Placed("o7", "2026-06-04T10:00:00Z").Shipped("o7", "2026-06-04T20:00:00Z");
        PickedUp(s, "o1", "2026-06-02T09:00:00Z");
        PickedUp(s, "o2", "2026-06-02T10:00:00Z");
        PickedUp(s, "o3", "2026-06-02T11:00:00Z");
        s.Case("o4", "2026-06-01T20:00:00Z");
        PickedUp(s, "o6", "2026-06-01T12:00:00Z");
        s.Case("o6", "2026-06-01T20:00:00Z");

        var m = PolicyRun.One(PickupPolicy, s, "2026-06-05T00:00:00Z").Metric("late_pickup_rate")!;

        Assert.Equal(2, m.Numerator);
        Assert.Equal(5, m.Denominator);
        Assert.Equal(1, m.Pending);
        Assert.Equal(0.4, m.Value!.Value, 12);
    }

    [Fact]
    public void A_deadline_can_be_a_field_of_the_item()
    {
        // Ship-by 2026-06-01 00:00 for all four. p1 shipped 05-31: on time. p2 shipped 06-02: late.
        // p3 unshipped with a case on 05-31 (before the ship-by): excused. p4 unshipped, no case: late.
        // Share = 1 / 3.
        var s = new EventScript("shop");
        foreach (var o in new[] { "p1", "p2", "p3", "p4" }) s.Placed(o, "2026-05-30T00:00:00Z", shipBy: "2026-06-01T00:00:00Z");
        s.Shipped("p1", "2026-05-31T00:00:00Z").Shipped("p2", "2026-06-02T00:00:00Z").Case("p3", "2026-05-31T00:00:00Z");

        var m = PolicyRun.One(PickupPolicy, s, "2026-06-05T00:00:00Z").Metric("shipped_by_promise")!;

        Assert.Equal(1, m.Numerator);
        Assert.Equal(3, m.Denominator);
    }
}
