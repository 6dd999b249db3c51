using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>Complaints, refunds, the order fields they feed and the seller's letters, worked out by hand.</summary>
public sealed class AfterSalesFoldingTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");

    private static SellerFacts Fold(EventScript shop) => FactFolder.Fold(shop.Events.Reverse(), AsOf).Single();

    [Fact]
    public void A_return_refund_keeps_the_first_action_the_first_action_after_receipt_and_subtracts_the_buyer_step()
    {
        // Requested 09:00; approve 11:00 (first action); buyer ships the goods 11:30 → 15:30 (4 h);
        // a reject on day 2 at 09:00 comes before the goods arrive at 10:00, so the first action after
        // receipt is the completion at 12:00. Completed minus buyer time: 2026-05-02 12:00 − 4 h = 08:00.
        var shop = new EventScript("s")
            .Placed("o1", "2026-05-01T08:00:00Z")
            .RefundRequested("f1", "o1", "return_and_refund", "2026-05-01T09:00:00Z")
            .RefundAction("f1", "approve", "2026-05-01T11:00:00Z")
            .RefundBuyerStep("f1", "start", "2026-05-01T11:30:00Z")
            .RefundBuyerStep("f1", "end", "2026-05-01T15:30:00Z")
            .RefundAction("f1", "reject", "2026-05-02T09:00:00Z")
            .RefundReturnReceived("f1", "2026-05-02T10:00:00Z")
            .RefundCompleted("f1", "refunded", "2026-05-02T12:00:00Z")
            .RefundCompleted("f1", "closed", "2026-05-03T12:00:00Z");

        var refund = Fold(shop).Refunds.Single();

        Assert.Equal(EventScript.At("2026-05-01T09:00:00Z"), refund.RequestedAt);
        Assert.Equal("return_and_refund", refund.Kind);
        Assert.Equal("o1", refund.Order);
        Assert.Equal(EventScript.At("2026-05-01T11:00:00Z"), refund.FirstSellerActionAt);
        Assert.Equal("approve", refund.FirstSellerAction);
        Assert.Equal(EventScript.At("2026-05-02T10:00:00Z"), refund.ReturnReceivedAt);
        Assert.Equal(EventScript.At("2026-05-02T12:00:00Z"), refund.ReturnFirstActionAt);
        Assert.Equal(EventScript.At("2026-05-02T12:00:00Z"), refund.CompletedAt);
        Assert.Equal("refunded", refund.Outcome);
        Assert.Equal(4.0, refund.BuyerHours);
        Assert.Equal(EventScript.At("2026-05-02T08:00:00Z"), refund.CompletedAtMinusBuyerTime);
    }

    [Fact]
    public void A_buyer_step_still_open_at_completion_runs_until_the_completion()
    {
        // start 10:00, never ended, completed 20:00 → 10 h of buyer time; 20:00 − 10 h = 10:00.
        var shop = new EventScript("s")
            .RefundRequested("f1", "o1", "return_and_refund", "2026-05-01T09:00:00Z")
            .RefundBuyerStep("f1", "end", "2026-05-01T09:30:00Z") // an end with no open step: ignored
            .RefundBuyerStep("f1", "start", "2026-05-01T10:00:00Z")
            .RefundCompleted("f1", "closed", "2026-05-01T20:00:00Z");

        var refund = Fold(shop).Refunds.Single();

        Assert.Equal(10.0, refund.BuyerHours);
        Assert.Equal(EventScript.At("2026-05-01T10:00:00Z"), refund.CompletedAtMinusBuyerTime);
        Assert.Null(refund.ReturnFirstActionAt);
    }

    [Fact]
    public void A_refund_without_buyer_steps_has_no_buyer_time_and_an_unfinished_one_no_completion()
    {
        var shop = new EventScript("s")
            .RefundRequested("f1", "o1", "refund_only", "2026-05-01T09:00:00Z")
            .RefundCompleted("f1", "refunded", "2026-05-01T11:00:00Z")
            .RefundRequested("f2", "o1", "refund_only", "2026-05-01T09:00:00Z");

        var refunds = Fold(shop).Refunds.OrderBy(r => r.Refund, StringComparer.Ordinal).ToList();

        Assert.Equal(0.0, refunds[0].BuyerHours);
        Assert.Equal(EventScript.At("2026-05-01T11:00:00Z"), refunds[0].CompletedAtMinusBuyerTime);
        Assert.Null(refunds[1].CompletedAt);
        Assert.Null(refunds[1].CompletedAtMinusBuyerTime);
    }

    [Fact]
    public void A_spontaneous_refund_is_a_refund_of_its_own_kind_but_not_a_request_on_the_order()
    {
        // The spontaneous refund at 08:00 is earlier than the request at 09:00, yet the order's
        // refund_requested_at is the request: the buyer asked only then.
        var shop = new EventScript("s")
            .Placed("o1", "2026-05-01T07:00:00Z")
            .RefundSpontaneous("s1", "o1", "price_match", "2026-05-01T08:00:00Z")
            .RefundRequested("f1", "o1", "refund_only", "2026-05-01T09:00:00Z")
            .RefundRequested("f2", "o1", "refund_only", "2026-05-01T12:00:00Z");

        var facts = Fold(shop);
        var spontaneous = facts.Refunds.Single(r => r.Refund == "s1");

        Assert.Equal("spontaneous", spontaneous.Kind);
        Assert.Equal("price_match", spontaneous.Reason);
        Assert.Equal(EventScript.At("2026-05-01T08:00:00Z"), spontaneous.RequestedAt);
        Assert.Equal(EventScript.At("2026-05-01T09:00:00Z"), facts.Orders.Single().RefundRequestedAt);
    }

    [Fact]
    public void Complaints_keep_their_filing_and_the_order_gets_its_first()
    {
        var shop = new EventScript("s")
            .Placed("o1", "2026-05-01T07:00:00Z")
            .Complaint("k1", "o1", "product", "2026-05-03T10:00:00Z")
            .Complaint("k2", "o1", "delivery_delay", "2026-05-02T10:00:00Z")
            .Complaint("k3", "o-elsewhere", "service", "2026-05-01T10:00:00Z");

        var facts = Fold(shop);
        var k2 = facts.Complaints.Single(c => c.Complaint == "k2");

        Assert.Equal(3, facts.Complaints.Count);
        Assert.Equal("delivery_delay", k2.Kind);
        Assert.Equal("o1", k2.Order);
        Assert.Equal(EventScript.At("2026-05-02T10:00:00Z"), k2.FiledAt);
        Assert.Equal(EventScript.At("2026-05-02T10:00:00Z"), facts.Orders.Single().FirstComplaintAt);
    }

    [Fact]
    public void Letters_are_kept_in_time_order_and_the_first_registration_counts()
    {
        var shop = new EventScript("s")
            .Plan("second", "2026-05-10T10:00:00Z")
            .Plan("first", "2026-05-03T10:00:00Z")
            .Registered("2026-04-02T00:00:00Z")
            .Registered("2026-04-01T00:00:00Z");

        var facts = Fold(shop);

        Assert.Equal(["first", "second"], facts.Plans.Select(p => p.Text));
        Assert.Equal(EventScript.At("2026-05-03T10:00:00Z"), facts.Plans[0].At);
        Assert.Equal(EventScript.At("2026-04-01T00:00:00Z"), facts.RegisteredAt);
    }

    [Fact]
    public void Events_at_or_after_as_of_are_not_folded_into_the_new_subjects()
    {
        var shop = new EventScript("s")
            .Complaint("k1", "o1", "product", "2026-06-01T00:00:00Z")
            .RefundRequested("f1", "o1", "refund_only", "2026-05-31T23:00:00Z")
            .RefundCompleted("f1", "refunded", "2026-06-01T00:00:00Z")
            .Ask("m1", "b1", "2026-06-01T00:00:00Z");

        var facts = Fold(shop);

        Assert.Empty(facts.Complaints);
        Assert.Empty(facts.Conversations);
        Assert.Null(facts.Refunds.Single().CompletedAt);
    }

    [Fact]
    public void A_refund_carries_the_ruling_on_the_disputes_about_its_order()
    {
        // Worked by hand. As of 06-01 00:00 (events at or after it are unknown):
        //  o1: c1a closed seller_liable 05-03, c1b closed buyer later (05-05) → seller_liable (any ruling against the seller);
        //  o2: c2a closed buyer 05-03, c2b closed withdrawn 05-04 → withdrawn (the last closed);
        //  o3: c3 opened, never closed → unset;
        //  o4: c4 closed seller_liable exactly at as-of → not known yet → unset;
        //  o5: no order.placed at all, c5 closed seller_liable 04-01 (long before its refund completed) → seller_liable;
        //  o6: no case → unset.
        var shop = new EventScript("s");
        foreach (var o in new[] { "o1", "o2", "o3", "o4", "o6" }) shop.Placed(o, "2026-04-20T08:00:00Z");
        foreach (var o in new[] { "o1", "o2", "o3", "o4", "o5", "o6" })
        {
            shop.RefundRequested("f-" + o, o, "refund_only", "2026-04-21T08:00:00Z").RefundCompleted("f-" + o, "refunded", "2026-05-20T08:00:00Z");
        }
        shop.Case("o1", "2026-05-01T08:00:00Z", "c1a").Add(EventType.CaseClosed, "2026-05-03T08:00:00Z", e => e with { Case = "c1a", Outcome = "seller_liable" })
            .Case("o1", "2026-05-02T08:00:00Z", "c1b").Add(EventType.CaseClosed, "2026-05-05T08:00:00Z", e => e with { Case = "c1b", Outcome = "buyer" })
            .Case("o2", "2026-05-01T08:00:00Z", "c2a").Add(EventType.CaseClosed, "2026-05-03T08:00:00Z", e => e with { Case = "c2a", Outcome = "buyer" })
            .Case("o2", "2026-05-01T09:00:00Z", "c2b").Add(EventType.CaseClosed, "2026-05-04T08:00:00Z", e => e with { Case = "c2b", Outcome = "withdrawn" })
            .Case("o3", "2026-05-01T08:00:00Z", "c3")
            .Case("o4", "2026-05-01T08:00:00Z", "c4").Add(EventType.CaseClosed, "2026-06-01T00:00:00Z", e => e with { Case = "c4", Outcome = "seller_liable" })
            .Case("o5", "2026-03-25T08:00:00Z", "c5").Add(EventType.CaseClosed, "2026-04-01T08:00:00Z", e => e with { Case = "c5", Outcome = "seller_liable" });

        var outcomes = Fold(shop).Refunds.ToDictionary(r => r.Order!, r => r.OrderCaseOutcome);

        Assert.Equal("seller_liable", outcomes["o1"]);
        Assert.Equal("withdrawn", outcomes["o2"]);
        Assert.Null(outcomes["o3"]);
        Assert.Null(outcomes["o4"]);
        Assert.Equal("seller_liable", outcomes["o5"]);
        Assert.Null(outcomes["o6"]);
        Assert.Equal("seller_liable", FactFields.Refunds["order_case_outcome"].Text!(Fold(shop).Refunds.Single(r => r.Order == "o1")));
    }

    [Fact]
    public void One_dispute_rules_on_one_refund_of_its_order()
    {
        // Worked by hand: o7 has refunds fa (requested 04-21) and fb (04-25); case c7, opened 04-26 after
        // both, closed seller_liable 05-03, disputes the latest refund requested by then, fb: one
        // dispute counts once. o8's case c8 opened 04-22, between its refunds ga (04-21) and gb (04-23):
        // it disputes ga. Arrival order does not matter (the events are folded in reverse too).
        var shop = new EventScript("s");
        shop.Placed("o7", "2026-04-20T08:00:00Z").Placed("o8", "2026-04-20T08:00:00Z")
            .RefundRequested("fa", "o7", "refund_only", "2026-04-21T08:00:00Z").RefundRequested("fb", "o7", "refund_only", "2026-04-25T08:00:00Z")
            .RefundRequested("ga", "o8", "refund_only", "2026-04-21T08:00:00Z").RefundRequested("gb", "o8", "refund_only", "2026-04-23T08:00:00Z")
            .Case("o7", "2026-04-26T08:00:00Z", "c7").Add(EventType.CaseClosed, "2026-05-03T08:00:00Z", e => e with { Case = "c7", Outcome = "seller_liable" })
            .Case("o8", "2026-04-22T08:00:00Z", "c8").Add(EventType.CaseClosed, "2026-05-03T08:00:00Z", e => e with { Case = "c8", Outcome = "seller_liable" });

        foreach (var events in new[] { shop.Events, shop.Events.Reverse().ToList() })
        {
            var outcomes = FactFolder.Fold(events, EventScript.At("2026-06-01T00:00:00Z")).Single().Refunds.ToDictionary(r => r.Refund, r => r.OrderCaseOutcome);
            Assert.Null(outcomes["fa"]);
            Assert.Equal("seller_liable", outcomes["fb"]);
            Assert.Equal("seller_liable", outcomes["ga"]);
            Assert.Null(outcomes["gb"]);
        }
    }
}
