using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Tests.Ndjson;

public sealed class EventLogTests
{
    private static StandingEvent Event(string id, EventType type = EventType.ShipmentDelivered, string order = "o-1") => new()
    {
        Id = id,
        Type = type,
        At = Instant.FromUtc(2026, 3, 2, 8, 0),
        Seller = "s",
        Order = order,
    };

    [Fact]
    public void New_ids_are_accepted_in_arrival_order_and_counted_per_type()
    {
        var log = new EventLog();

        Assert.Equal(EventLogOutcome.Accepted, log.Add(Event("b"), "a.ndjson", 1));
        Assert.Equal(EventLogOutcome.Accepted, log.Add(Event("a", EventType.OrderPlaced), "a.ndjson", 2));
        Assert.Equal(EventLogOutcome.Accepted, log.Add(Event("c"), "a.ndjson", 3));

        Assert.Equal(["b", "a", "c"], log.Events.Select(e => e.Id));
        Assert.Equal(3, log.AcceptedCount);
        Assert.Equal(2, log.AcceptedOf(EventType.ShipmentDelivered));
        Assert.Equal(0, log.AcceptedOf(EventType.CaseClosed));
        Assert.Equal(
            new Dictionary<EventType, int> { [EventType.OrderPlaced] = 1, [EventType.ShipmentDelivered] = 2 },
            log.AcceptedByType);
    }

    [Fact]
    public void The_same_id_with_an_equal_body_is_a_duplicate_kept_once()
    {
        var log = new EventLog();
        log.Add(Event("e1"), "a.ndjson", 1);

        Assert.Equal(EventLogOutcome.Duplicate, log.Add(Event("e1"), "b.ndjson", 7, out var reason));

        Assert.Null(reason);
        Assert.Single(log.Events);
        Assert.Equal(1, log.DuplicateCount);
        Assert.Equal(0, log.ConflictCount);
        Assert.True(log.TryGetSource("e1", out var source));
        Assert.Equal("a.ndjson:1", source.ToString());
    }

    [Fact]
    public void The_same_id_with_a_different_body_is_a_conflict_that_names_where_the_first_was_read_and_keeps_it()
    {
        var log = new EventLog();
        log.Add(Event("x"), "a.ndjson", 1);
        log.Add(Event("e1"), "a.ndjson", 3);

        Assert.Equal(EventLogOutcome.Conflict, log.Add(Event("e1", order: "o-2"), "b.ndjson", 1, out var reason));

        Assert.Equal("conflict: event id \"e1\" was already read at a.ndjson:3 with a different body", reason);
        Assert.Equal("o-1", log.Events[1].Order);
        Assert.Equal(2, log.AcceptedCount);
        Assert.Equal(1, log.ConflictCount);
        Assert.Equal(2, log.AcceptedOf(EventType.ShipmentDelivered));
    }
}
