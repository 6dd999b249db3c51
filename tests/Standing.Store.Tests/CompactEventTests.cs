using NodaTime;
using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// The compact form a first load keeps its events in (<see cref="CompactEvent"/>) gives back, field for field, the event
/// it was made from (the record's equality compares every field), and refuses what it cannot hold exactly.
/// </summary>
public sealed class CompactEventTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<StandingEvent> Held() =>
    [
        Events.Placed("p1", "s-1") with { Amount = 30.70m, Currency = "EUR", DeliverBy = T0.Plus(Duration.FromDays(5)), Marketplace = "mall" },
        // A negative amount with a large 96-bit integer and its own scale, an instant before 1970 and one with ticks.
        Events.Placed("p2", "s-1") with { Amount = -79228162514264337593543950.335m, At = Instant.FromUtc(1969, 12, 31, 23, 59, 58), ShipBy = T0.PlusTicks(1) },
        Events.Review("r1", "s-2", "o-1", stars: 4) with { Text = "Très bien, 很好 👍", Rating = "positive" },
        new()
        {
            Id = "e-1", Type = EventType.OrderStatusCorrected, At = T0, Seller = "s-3", Order = "o-1", StatusFrom = OrderStatus.Cancelled,
            StatusTo = OrderStatus.Delivered, By = "operator", Reason = "mistake", Status = OrderStatus.Shipping,
        },
        new()
        {
            Id = "e-2", Type = EventType.ChatMessage, At = T0, Seller = "s-3", Conversation = "c-1", From = "agent", Agent = "a-7",
            Text = "", HumanRequested = false, Buyer = "b-1", Language = "zh-CN",
        },
        new() { Id = "e-3", Type = EventType.ChatMessage, At = T0, Seller = "s-3", Conversation = "c-1", From = "buyer", HumanRequested = true },
        new()
        {
            Id = "e-4", Type = EventType.ShipmentShipped, At = T0, Seller = "s-4", Order = "o-4", Tracking = "T1", TrackingUrl = "https://t.example/1",
            Carrier = "DHL", Case = "k-1", Refund = "f-1", Complaint = "q-1", Review = "r-9", Kind = "late", Outcome = "upheld",
            Action = "warn", Phase = "open", Stars = -3,
        },
    ];

    [Theory]
    [MemberData(nameof(Held))]
    public void An_event_read_back_from_its_compact_form_equals_it(StandingEvent e)
    {
        var words = new CompactEvent.Vocabulary();
        var writer = new CompactWriter(4);
        writer.Varint(42); // what precedes an event where they are kept: it must be read past, not into
        Assert.True(CompactEvent.TryWrite(ref writer, e, words));
        writer.Varint(7); // and what follows it must not be read
        var reader = new CompactReader(writer.Written);
        Assert.Equal(42UL, reader.Varint());
        var back = CompactEvent.Read(ref reader, e.Seller, words);
        Assert.Equal(e, back);
        Assert.Equal(7UL, reader.Varint());
    }

    [Fact]
    public void What_the_compact_form_cannot_hold_exactly_is_refused()
    {
        var words = new CompactEvent.Vocabulary();
        var writer = new CompactWriter(16);
        // A lone surrogate (a JSON "\ud800" escape) has no UTF-8 form; an instant finer than a tick has no ticks.
        Assert.False(CompactEvent.TryWrite(ref writer, Events.Review("r1", "s-1", "o-1", stars: 1) with { Text = "a\ud800b" }, words));
        Assert.False(CompactEvent.TryWrite(ref writer, Events.Placed("p1", "s-1") with { At = T0.PlusNanoseconds(1) }, words));
    }
}
