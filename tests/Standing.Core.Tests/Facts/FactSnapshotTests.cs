using System.Collections;
using System.Reflection;
using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

public sealed class FactSnapshotTests
{
    private static readonly Instant AsOf = EventScript.At("2300-01-01T00:00:00Z");

    /// <summary>A seller with every kind of fact, every optional field set somewhere, and instants outside the compact range.</summary>
    private static SellerFacts EverythingSeller()
    {
        var s = new EventScript("shop-α");
        s.Registered("2025-12-31T23:00:00Z")
            .Plan("We restocked and answer within the hour.", "2026-02-01T08:00:00.123456789Z")
            .Add(EventType.OrderPlaced, "2026-01-05T10:00:00Z", e => e with
            {
                Order = "o-1", Buyer = "b-1", Amount = 1234.5678m, Currency = "PLN",
                ShipBy = EventScript.At("2026-01-06T10:00:00Z"), DeliverBy = EventScript.At("2290-01-09T10:00:00Z"),
            })
            .Status("o-1", OrderStatus.Open, "2026-01-05T10:00:01Z")
            .Status("o-1", OrderStatus.Shipping, "2026-01-05T12:00:00Z")
            .Shipped("o-1", "2026-01-06T09:00:00Z")
            .Add(EventType.ShipmentPickedUp, "2026-01-06T11:00:00Z", e => e with { Order = "o-1" })
            .Delivered("o-1", "2026-01-08T09:00:00Z")
            .Status("o-1", OrderStatus.Delivered, "2026-01-08T10:00:00Z")
            .Corrected("o-1", OrderStatus.Delivered, OrderStatus.Cancelled, "2026-01-09T10:00:00Z")
            .Review("o-1", 2, "2026-01-10T10:00:00Z", review: "r-1")
            .ReviewUpdated("r-1", 1, "2026-01-11T10:00:00Z")
            .Add(EventType.ReviewReplied, "2026-01-11T11:00:00Z", e => e with { Review = "r-1", Text = "Sorry!" })
            .Add(EventType.ReviewResolved, "2026-01-12T11:00:00Z", e => e with { Review = "r-1" })
            .Add(EventType.ReviewFlaggedFake, "2026-01-13T11:00:00Z", e => e with { Review = "r-1" })
            .Review("o-2", 5, "2026-01-14T10:00:00Z", review: "r-2")
            .ReviewRemoved("r-2", "2026-01-15T10:00:00Z")
            .Case("o-1", "2026-01-16T10:00:00Z", @case: "c-1")
            .Add(EventType.CaseResponded, "2026-01-16T12:00:00Z", e => e with { Case = "c-1" })
            .Add(EventType.CaseEscalated, "2026-01-17T12:00:00Z", e => e with { Case = "c-1" })
            .Add(EventType.CaseClosed, "2026-01-18T12:00:00Z", e => e with { Case = "c-1", Outcome = "seller_liable" })
            .Complaint("k-1", "o-1", "delivery_delay", "2026-01-19T12:00:00Z")
            .RefundRequested("f-1", "o-1", "return_and_refund", "2026-01-20T12:00:00Z")
            .RefundAction("f-1", "approve", "2026-01-20T13:00:00Z")
            .RefundBuyerStep("f-1", "start", "2026-01-20T14:00:00Z")
            .RefundBuyerStep("f-1", "end", "2026-01-21T14:00:00.5Z")
            .RefundReturnReceived("f-1", "2026-01-22T14:00:00Z")
            .RefundCompleted("f-1", "refunded", "2026-01-22T15:00:00Z")
            .RefundSpontaneous("f-2", "o-2", "price_match", "2026-01-23T15:00:00Z")
            .Placed("o-2", "1650-06-01T00:00:00.000000007Z") // before what a long of nanoseconds holds
            .Status("o-2", OrderStatus.Cancelled, "2026-01-24T10:00:00Z", by: "seller")
            .Bot("chat-1", "2026-01-25T07:59:00Z", text: "Hello, I am a bot")
            .Ask("chat-1", "b-1", "2026-01-25T08:00:00Z", text: "Where is my parcel?")
            .Bot("chat-1", "2026-01-25T08:00:05Z")
            .Ask("chat-1", "b-1", "2026-01-25T08:01:00Z", human: true)
            .Answer("chat-1", "agent-7", "2026-01-25T08:02:00Z", text: "Write me on wa.me/48123")
            .Rated("chat-1", "2026-01-25T09:00:00Z", stars: 2, reason: "slow")
            .Ask("chat-2", "b-2", "2026-01-26T08:00:00Z")
            .Add(EventType.OrderRiskFlagged, "2026-01-27T08:00:00Z", e => e with { Order = "o-1", Reason = "brushing" });
        return Assert.Single(FactFolder.Fold(s.Events, AsOf));
    }

    [Fact]
    public void A_snapshot_reads_back_equal_to_the_facts_written_field_for_field()
    {
        var facts = EverythingSeller();
        // The seller really has every kind of fact, so every part of the layout is exercised.
        Assert.Equal(2, facts.Orders.Count);
        Assert.Equal(2, facts.Reviews.Count);
        Assert.Single(facts.Cases);
        Assert.Single(facts.Complaints);
        Assert.Equal(2, facts.Refunds.Count);
        Assert.Equal(2, facts.Conversations.Count);
        Assert.Equal(3, facts.Messages.Count);
        Assert.Single(facts.AgentMessages);
        Assert.Single(facts.Plans);
        Assert.NotNull(facts.RegisteredAt);
        // The risk flag on o-1 reaches the case, refund and complaint about it.
        var flagged = EventScript.At("2026-01-27T08:00:00Z");
        Assert.Equal(flagged, facts.Orders.Single(o => o.Order == "o-1").RiskFlaggedAt);
        Assert.Equal(flagged, facts.Cases.Single().OrderRiskFlaggedAt);
        Assert.Equal(flagged, facts.Refunds.Single(r => r.Refund == "f-1").OrderRiskFlaggedAt);
        Assert.Null(facts.Refunds.Single(r => r.Refund == "f-2").OrderRiskFlaggedAt);
        Assert.Equal(flagged, facts.Complaints.Single().OrderRiskFlaggedAt);

        var read = FactSnapshot.Read(FactSnapshot.Write(facts));

        Assert.NotNull(read);
        AssertSame(facts, read, "facts");
    }

    [Fact]
    public void Instants_outside_the_compact_range_and_sub_microsecond_parts_survive_exactly()
    {
        var read = FactSnapshot.Read(FactSnapshot.Write(EverythingSeller()))!;
        var early = read.Orders.Single(o => o.Order == "o-2");
        Assert.Equal(EventScript.At("1650-06-01T00:00:00.000000007Z"), early.PlacedAt);
        Assert.Equal(EventScript.At("2290-01-09T10:00:00Z"), read.Orders.Single(o => o.Order == "o-1").DeliverBy);
        Assert.Equal(EventScript.At("2026-02-01T08:00:00.123456789Z"), read.Plans[0].At);
        Assert.Equal(1234.5678m, read.Orders.Single(o => o.Order == "o-1").Amount);
        Assert.Equal(Duration.FromDays(1) + Duration.FromMilliseconds(500), read.Refunds.Single(r => r.Refund == "f-1").BuyerTime);
    }

    [Fact]
    public void A_snapshot_of_another_format_or_damaged_reads_as_nothing()
    {
        var bytes = FactSnapshot.Write(EverythingSeller());
        var otherFormat = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(otherFormat.AsSpan(0, 4), FactSnapshot.Format + 1);
        Assert.Null(FactSnapshot.Read(otherFormat));
        // An older build's snapshot (format 6 kept orders as sixteen fixed longs) is folded again, not misread.
        var olderFormat = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(olderFormat.AsSpan(0, 4), FactSnapshot.Format - 1);
        Assert.Null(FactSnapshot.Read(olderFormat));
        Assert.Null(FactSnapshot.Read(bytes[..(bytes.Length / 2)]));
        Assert.Null(FactSnapshot.Read([.. bytes, 0]));
        Assert.Null(FactSnapshot.Read([]));
    }

    [Fact]
    public void A_seller_with_no_facts_but_its_registration_round_trips()
    {
        var facts = Assert.Single(FactFolder.Fold(new EventScript("new-shop").Registered("2026-01-01T00:00:00Z").Events, AsOf));
        var read = FactSnapshot.Read(FactSnapshot.Write(facts))!;
        Assert.Equal("new-shop", read.Seller);
        Assert.Equal(EventScript.At("2026-01-01T00:00:00Z"), read.RegisteredAt);
        Assert.Empty(read.Orders);
        Assert.Empty(read.Conversations);
    }

    [Fact]
    public void A_buyer_time_of_centuries_is_kept_exactly()
    {
        // A refund whose buyer step runs from 1600 to 2026: 426 years, beyond a long of nanoseconds.
        var facts = Assert.Single(FactFolder.Fold(
            new EventScript("s").RefundRequested("f-1", "o-1", "return_and_refund", "1600-01-01T00:00:00Z")
                .RefundBuyerStep("f-1", "start", "1600-01-01T01:00:00Z")
                .RefundBuyerStep("f-1", "end", "2026-01-01T00:00:00.000000001Z").Events,
            EventScript.At("2027-01-01T00:00:00Z")));
        var expected = EventScript.At("2026-01-01T00:00:00.000000001Z") - EventScript.At("1600-01-01T01:00:00Z");

        var read = FactSnapshot.Read(FactSnapshot.Write(facts));

        Assert.Equal(expected, read!.Refunds[0].BuyerTime);
    }

    [Fact]
    public void Damaged_values_inside_a_snapshot_read_as_nothing_rather_than_throwing()
    {
        var facts = Assert.Single(FactFolder.Fold(
            new EventScript("s").Registered("2026-01-01T00:00:00Z").Placed("o-1", "2026-01-05T10:00:00Z").Events,
            EventScript.At("2027-01-01T00:00:00Z")));
        var bytes = FactSnapshot.Write(facts);

        // The registration instant (after the format and the seller "s": 4 + 2 bytes) made a far one
        // past the end of time.
        var farOut = bytes.ToArray();
        farOut[6] = 2;
        BitConverter.TryWriteBytes(farOut.AsSpan(7, 8), Instant.MaxValue.ToUnixTimeTicks());
        Assert.Null(FactSnapshot.Read([.. farOut[..15], 255, .. farOut[15..]]));

        // Format 7's order: its id "o-1" (length 3), the buyer's absence flag, then which instants are present
        // and which of them are held in full (two 16-bit masks); the order ends with a flags byte, five absent
        // texts and its case count, and seven empty lists (4 bytes each) close the snapshot.
        var order = Enumerable.Range(0, bytes.Length - 4).Single(i => bytes[i] == 3 && bytes[i + 1] == 'o' && bytes[i + 2] == '-' && bytes[i + 3] == '1');
        var flagsAt = bytes.Length - (7 * 4) - 6 - 1;
        Assert.Equal(1, BitConverter.ToUInt16(bytes, order + 5)); // only the placement
        Assert.Equal(0, bytes[flagsAt]);

        // A status (flag 2) of 200, which no status is.
        Assert.Null(FactSnapshot.Read([.. bytes[..flagsAt], 2, 200, .. bytes[(flagsAt + 1)..]]));

        // An instant marked as held in full (the explicit OPEN, slot 3) that is not there at all.
        var farAbsent = bytes.ToArray();
        BitConverter.TryWriteBytes(farAbsent.AsSpan(order + 7, 2), (ushort)(1 << 3));
        Assert.Null(FactSnapshot.Read(farAbsent));

        // A case count past what a 32-bit count holds (a 7-bit encoding six bytes long).
        Assert.Null(FactSnapshot.Read([.. bytes[..^(7 * 4 + 1)], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, .. bytes[^(7 * 4)..]]));
    }

    [Fact]
    public void Texts_kept_undecoded_until_asked_for_still_make_a_damaged_snapshot_read_as_nothing()
    {
        var facts = Assert.Single(FactFolder.Fold(
            new EventScript("s").Add(EventType.OrderPlaced, "2026-01-05T10:00:00Z", e => e with { Order = "o-1", Buyer = "b-9" })
                .Add(EventType.ReviewPosted, "2026-01-06T10:00:00Z", e => e with { Review = "r-7", Order = "o-1", Stars = 2, Text = "żle" }).Events,
            EventScript.At("2027-01-01T00:00:00Z")));
        var bytes = FactSnapshot.Write(facts);
        var read = FactSnapshot.Read(bytes)!;
        // The texts given in the events above.
        Assert.Equal(("o-1", "b-9"), (read.Orders[0].Order, read.Orders[0].Buyer));
        Assert.Equal(("r-7", "o-1", "żle"), (read.Reviews[0].Review, read.Reviews[0].Order, read.Reviews[0].Text));
        Assert.Same(read.Orders[0].Order, read.Orders[0].Order); // made once

        // Each text's first byte made a lone UTF-8 lead byte (0xC3 before an ASCII byte): the whole snapshot is refused.
        foreach (var text in new[] { "o-1", "b-9", "r-7", "żle" })
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            var at = Enumerable.Range(0, bytes.Length - utf8.Length).First(i => bytes.AsSpan(i, utf8.Length).SequenceEqual(utf8));
            var damaged = bytes.ToArray();
            damaged[at] = 0xC3;
            if (text == "żle") damaged[at + 1] = (byte)'x';
            Assert.Null(FactSnapshot.Read(damaged));
        }
    }

    // Zero with its sign bit set and a scale of 2: equal to 0m, yet not the same bits.
    private static readonly decimal NegativeZero = new(0, 0, 0, isNegative: true, scale: 2);

    [Fact]
    public void Values_wider_than_an_order_facts_compact_fields_fold_and_read_back_exactly()
    {
        // Each value below is written into the events and read back from the facts, then from their snapshot.
        var s = new EventScript("shop-β")
            .Add(EventType.OrderPlaced, "2026-03-01T10:00:00Z", e => e with
            {
                Order = "big", Amount = 12_345_678_901.23m,
                ShipBy = EventScript.At("2026-03-01T09:59:59.5Z"), // half a second before the placement
                DeliverBy = EventScript.At("2200-01-01T00:00:00Z"), // 174 years after it: past 32-bit seconds
            })
            .Add(EventType.OrderPlaced, "2026-03-02T10:00:00Z", e => e with { Order = "cents", Amount = 0.10m, ShipBy = EventScript.At("2026-03-01T10:00:00Z") })
            .Add(EventType.OrderPlaced, "2026-03-03T10:00:00Z", e => e with { Order = "refund", Amount = -5.5m })
            .Add(EventType.OrderPlaced, "2026-03-04T10:00:00Z", e => e with { Order = "negative-zero", Amount = NegativeZero })
            .Add(EventType.ReviewPosted, "2026-03-05T10:00:00Z", e => e with { Review = "r-odd", Order = "big", Stars = 1000 });
        for (var i = 0; i < 300; i++) s.Case("cents", "2026-03-06T10:00:00Z", @case: $"c-{i:000}");
        // The same order placed again later: the first placement and its promises stay.
        s.Add(EventType.OrderPlaced, "2026-03-07T10:00:00Z", e => e with { Order = "big", Amount = 1m, ShipBy = EventScript.At("2026-03-08T10:00:00Z") });
        var facts = Assert.Single(FactFolder.Fold(s.Events, AsOf));

        foreach (var read in new[] { facts, FactSnapshot.Read(FactSnapshot.Write(facts))! })
        {
            var big = read.Orders.Single(o => o.Order == "big");
            Assert.Equal("shop-β", big.Seller);
            Assert.Equal(EventScript.At("2026-03-01T10:00:00Z"), big.PlacedAt);
            Assert.Equal(12_345_678_901.23m, big.Amount);
            Assert.Equal(EventScript.At("2026-03-01T09:59:59.5Z"), big.ShipBy);
            Assert.Equal(EventScript.At("2200-01-01T00:00:00Z"), big.DeliverBy);
            Assert.Equal(1000, big.LowestReviewStars);
            Assert.Equal("r-odd", big.LowestReview);
            var cents = read.Orders.Single(o => o.Order == "cents");
            Assert.Equal("0.10", cents.Amount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the scale is kept
            Assert.Equal(EventScript.At("2026-03-01T10:00:00Z"), cents.ShipBy); // a whole day before the placement
            Assert.Null(cents.DeliverBy);
            Assert.Equal(300, cents.CaseCount);
            Assert.True(cents.HasCase);
            Assert.Equal("c-000", cents.FirstCase);
            Assert.Equal(-5.5m, read.Orders.Single(o => o.Order == "refund").Amount);
            var zero = read.Orders.Single(o => o.Order == "negative-zero").Amount!.Value;
            Assert.Equal(decimal.GetBits(NegativeZero), decimal.GetBits(zero)); // sign and scale bits too
            Assert.Null(read.Orders.Single(o => o.Order == "refund").LowestReviewStars);
            Assert.False(read.Orders.Single(o => o.Order == "refund").HasCase);
        }
        AssertSame(facts, FactSnapshot.Read(FactSnapshot.Write(facts)), "facts");
    }

    /// <summary>Compares every public property, recursively through lists and records.</summary>
    private static void AssertSame(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} ≠ {actual ?? "null"}");
            return;
        }
        var type = expected.GetType();
        if (expected is not string && expected is IEnumerable list)
        {
            // Lists compare by content: a fold may build a List where a read builds an array.
            var a = list.Cast<object?>().ToList();
            var b = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(a.Count == b.Count, $"{path}: {a.Count} items ≠ {b.Count}");
            for (var i = 0; i < a.Count; i++) AssertSame(a[i], b[i], $"{path}[{i}]");
            return;
        }
        Assert.Equal(type, actual.GetType());
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or Instant or Duration || Nullable.GetUnderlyingType(type) is not null)
        {
            Assert.True(expected.Equals(actual), $"{path}: {expected} ≠ {actual}");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertSame(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
