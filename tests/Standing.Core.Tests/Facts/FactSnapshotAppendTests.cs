using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>
/// <see cref="FactSnapshot.WithOrdersAdded"/> against <see cref="FactSnapshot.Write"/>: stored facts grown by new
/// orders in place must be, byte for byte, what writing the grown facts gives.
/// </summary>
public sealed class FactSnapshotAppendTests
{
    private static readonly Instant AsOf = EventScript.At("2300-01-01T00:00:00Z");

    /// <summary>A seller with a plan, orders, a review, a case, a refund, a complaint and a chat: every list after the orders holds something.</summary>
    private static EventScript Earlier() =>
        new EventScript("shop-β").Registered("2025-12-31T23:00:00Z")
            .Plan("Faster dispatch.", "2026-01-02T08:00:00.123456789Z")
            .Add(EventType.OrderPlaced, "2026-01-05T10:00:00Z", e => e with
            {
                Order = "o-1", Buyer = "b-1", Amount = 99.99m, Currency = "EUR",
                ShipBy = EventScript.At("2026-01-06T10:00:00Z"), DeliverBy = EventScript.At("2290-01-09T10:00:00Z"),
            })
            .Shipped("o-1", "2026-01-06T09:00:00Z")
            .Placed("o-2", "2026-01-07T10:00:00Z")
            .Status("o-2", OrderStatus.Cancelled, "2026-01-07T11:00:00Z", by: "seller")
            .Review("o-1", 2, "2026-01-10T10:00:00Z", review: "r-1")
            .Case("o-1", "2026-01-11T10:00:00Z", @case: "c-1")
            .RefundRequested("f-1", "o-1", "return_and_refund", "2026-01-12T12:00:00Z")
            .Complaint("k-1", "o-1", "delivery_delay", "2026-01-13T12:00:00Z")
            .Ask("chat-1", "b-1", "2026-01-14T08:00:00Z", text: "Where is it?")
            .Answer("chat-1", "agent-7", "2026-01-14T08:02:00Z", text: "On its way");

    /// <summary>New orders after every earlier event: plain, with an amount and promises, one far in the future, one without a buyer.</summary>
    private static EventScript WithNewOrders(EventScript s) =>
        s.Add(EventType.OrderPlaced, "2026-01-20T10:00:00Z", e => e with
            {
                Order = "o-new-1", Buyer = "b-9", Amount = 25.5m, Currency = "EUR",
                ShipBy = EventScript.At("2026-01-22T10:00:00Z"), DeliverBy = EventScript.At("2026-01-25T10:00:00Z"),
            })
            .Placed("o-new-2", "2026-01-20T11:00:00.000000001Z", deliverBy: "2299-01-01T00:00:00Z")
            .Status("o-new-2", OrderStatus.Shipping, "2026-01-20T12:00:00Z")
            .Add(EventType.OrderPlaced, "2026-01-21T10:00:00Z", e => e with { Order = "o-new-3" });

    [Fact]
    public void Stored_facts_grown_by_new_orders_are_the_bytes_of_the_grown_facts_written()
    {
        var before = Assert.Single(FactFolder.Fold(Earlier().Events, AsOf));
        var after = Assert.Single(FactFolder.Fold(WithNewOrders(Earlier()).Events, AsOf));
        // The grown facts differ from the earlier ones only by the new orders, after the earlier ones.
        Assert.Equal(before.Orders.Count + 3, after.Orders.Count);
        Assert.Equal(["o-new-1", "o-new-2", "o-new-3"], after.Orders.Skip(before.Orders.Count).Select(o => o.Order));

        var grown = FactSnapshot.WithOrdersAdded(FactSnapshot.Write(before), [.. after.Orders.Skip(before.Orders.Count)]);

        Assert.NotNull(grown);
        Assert.Equal(FactSnapshot.Write(after), grown);
    }

    [Fact]
    public void Stored_facts_read_back_from_a_store_grow_as_written_ones_do()
    {
        // What a write does: the stored bytes, read back, grown by orders of a fold of the later events alone.
        var stored = FactSnapshot.Write(Assert.Single(FactFolder.Fold(Earlier().Events, AsOf)));
        var read = FactSnapshot.Read(stored)!;
        var all = Assert.Single(FactFolder.Fold(WithNewOrders(Earlier()).Events, AsOf));
        var once = FactSnapshot.WithOrdersAdded(stored, [all.Orders[read.Orders.Count]])!;
        var twice = FactSnapshot.WithOrdersAdded(once, [.. all.Orders.Skip(read.Orders.Count + 1)]);

        Assert.Equal(FactSnapshot.Write(all), twice);
        Assert.Equal(all.Orders.Count, FactSnapshot.Read(twice!)!.Orders.Count);
    }

    [Fact]
    public void A_seller_with_no_orders_yet_and_no_new_ones_keeps_its_bytes()
    {
        var facts = Assert.Single(FactFolder.Fold(new EventScript("new-shop").Registered("2026-01-01T00:00:00Z").Events, AsOf));
        var bytes = FactSnapshot.Write(facts);

        Assert.Equal(bytes, FactSnapshot.WithOrdersAdded(bytes, []));
    }

    [Fact]
    public void Bytes_of_another_format_or_damaged_are_not_grown()
    {
        var bytes = FactSnapshot.Write(Assert.Single(FactFolder.Fold(Earlier().Events, AsOf)));
        var order = Assert.Single(FactFolder.Fold(new EventScript("shop-β").Placed("o-x", "2026-02-01T00:00:00Z").Events, AsOf)).Orders[0];
        var otherFormat = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(otherFormat.AsSpan(0, 4), FactSnapshot.Format + 1);

        Assert.Null(FactSnapshot.WithOrdersAdded(otherFormat, [order]));
        Assert.Null(FactSnapshot.WithOrdersAdded(bytes[..20], [order]));
        Assert.Null(FactSnapshot.WithOrdersAdded([], [order]));
    }
}
