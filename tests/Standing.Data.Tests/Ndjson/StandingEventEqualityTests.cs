using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Tests.Ndjson;

/// <summary>
/// De-duplication compares event bodies with the record's equality; these pin that it still means
/// "every field equal" with the compact storage (presence bits, shared detail fields).
/// </summary>
public sealed class StandingEventEqualityTests
{
    private static readonly StandingEvent Base = new()
    {
        Id = "e1",
        Type = EventType.ChatMessage,
        At = Instant.FromUtc(2026, 3, 2, 8, 0),
        Seller = "s",
        Conversation = "c1",
    };

    [Fact]
    public void An_absent_optional_value_differs_from_its_default()
    {
        Assert.NotEqual(Base, Base with { HumanRequested = false });
        Assert.NotEqual(Base, Base with { Stars = 0 });
        Assert.NotEqual(Base, Base with { Amount = 0m });
        Assert.NotEqual(Base, Base with { Status = OrderStatus.Open }); // the enum's first value
        Assert.NotEqual(Base, Base with { ShipBy = default(Instant) }); // the epoch
        Assert.NotEqual(Base with { HumanRequested = true }, Base with { HumanRequested = false });
    }

    [Fact]
    public void Values_read_back_as_set_and_null_when_absent()
    {
        var ev = Base with { HumanRequested = false, Stars = 3, Agent = "ann", StatusTo = OrderStatus.Cancelled };

        Assert.Equal(false, ev.HumanRequested);
        Assert.Equal(3, ev.Stars);
        Assert.Equal("ann", ev.Agent);
        Assert.Equal("c1", ev.Conversation);
        Assert.Equal(OrderStatus.Cancelled, ev.StatusTo);
        Assert.Null(ev.StatusFrom);
        Assert.Null(ev.Review);
        Assert.Null(Base.HumanRequested);
    }

    [Fact]
    public void A_field_set_then_cleared_is_equal_to_one_never_set()
    {
        var cleared = Base with { Text = "hi", Stars = 2 } with { Text = null, Stars = null };

        Assert.Equal(Base, cleared);
        Assert.Equal(Base.GetHashCode(), cleared.GetHashCode());
        Assert.Equal(Base with { Conversation = null }, new StandingEvent { Id = "e1", Type = EventType.ChatMessage, At = Base.At, Seller = "s" });
    }

    [Fact]
    public void A_copy_made_with_with_leaves_the_original_alone()
    {
        var original = Base with { Agent = "ann" };

        var copy = original with { Agent = "bob", From = "agent" };

        Assert.Equal("ann", original.Agent);
        Assert.Null(original.From);
        Assert.Equal("bob", copy.Agent);
        Assert.Equal("c1", copy.Conversation);
        Assert.NotEqual(original, copy);
    }

    [Fact]
    public void Equal_strings_in_different_instances_are_equal_bodies()
    {
        var a = Base with { Text = new string('x', 3) };
        var b = Base with { Text = "xxx" };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
