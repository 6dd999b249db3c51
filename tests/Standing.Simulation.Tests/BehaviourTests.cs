using NodaTime;
using Standing.Core.Events;

namespace Standing.Simulation.Tests;

/// <summary>The situations the standards are about do occur in the simulated history.</summary>
public sealed class BehaviourTests(SimulatedMarketplace market) : IClassFixture<SimulatedMarketplace>
{
    private IEnumerable<StandingEvent> Of(EventType type) => market.Events.Where(e => e.Type == type);

    [Fact]
    public void Some_shipments_lack_a_tracking_link_or_number_and_some_get_it_later()
    {
        Assert.Contains(Of(EventType.ShipmentShipped), e => e.TrackingUrl is null && e.Tracking is not null);
        Assert.Contains(Of(EventType.ShipmentShipped), e => e.Tracking is null);
        Assert.All(Of(EventType.ShipmentTrackingAdded), e => Assert.True(e.Tracking is not null && e.TrackingUrl is not null));
    }

    [Fact]
    public void Some_carrier_pickups_come_more_than_24_hours_after_shipping()
    {
        var shipped = Of(EventType.ShipmentShipped).ToDictionary(e => e.Order!, e => e.At);

        Assert.Contains(Of(EventType.ShipmentPickedUp), e => e.At - shipped[e.Order!] > Duration.FromHours(24));
    }

    [Fact]
    public void Some_deliveries_come_after_the_promised_date()
    {
        var deliverBy = Of(EventType.OrderPlaced).ToDictionary(e => e.Order!, e => e.DeliverBy!.Value);
        var delivered = Of(EventType.ShipmentDelivered).ToList();
        var late = delivered.Count(e => e.At > deliverBy[e.Order!]);

        Assert.InRange((double)late / delivered.Count, 0.01, 0.15);
    }

    [Fact]
    public void Orders_are_cancelled_by_sellers_and_by_buyers()
    {
        var cancelled = Of(EventType.OrderStatus).Where(e => e.Status == OrderStatus.Cancelled).ToList();

        Assert.Contains(cancelled, e => e.By == "seller");
        Assert.Contains(cancelled, e => e.By == "buyer");
    }

    [Fact]
    public void Buyers_ask_for_a_human_and_agents_answer_within_seconds_to_minutes()
    {
        var messages = Of(EventType.ChatMessage).ToList();
        var agentReplies = 0;
        var fast = 0;
        for (var i = 0; i < messages.Count - 1; i++)
        {
            var (asked, answer) = (messages[i], messages[i + 1]);
            if (asked.HumanRequested == true && answer.Conversation == asked.Conversation && answer.From == "agent")
            {
                agentReplies++;
                fast += answer.At - asked.At <= Duration.FromMinutes(3) ? 1 : 0;
            }
        }

        Assert.True(agentReplies > 100);
        Assert.InRange((double)fast / agentReplies, 0.6, 0.99);
        Assert.All(messages.Where(m => m.From == "agent"), m => Assert.StartsWith("agent-", m.Agent, StringComparison.Ordinal));
    }

    [Fact]
    public void Buyers_consult_at_night_too()
    {
        var offset = SimulatedMarketplace.Options.ChatOffset;

        Assert.Contains(Of(EventType.ChatMessage), e => e.From == "buyer" && e.At.WithOffset(offset).Hour < 6);
    }

    [Fact]
    public void Some_conversations_lead_to_an_order()
    {
        Assert.Contains(Of(EventType.ChatMessage), e => e.Order is not null && e.From != "buyer");
    }

    [Fact]
    public void Reviews_use_texts_in_english_russian_and_ukrainian()
    {
        var texts = Of(EventType.ReviewPosted).Select(e => e.Text).ToHashSet();

        Assert.Contains("товара нет в наличии", texts);
        Assert.Contains("no answer to my order", texts);
        Assert.Contains(texts, t => t is not null && t.Contains('і', StringComparison.Ordinal)); // Ukrainian і (U+0456)
    }

    [Fact]
    public void Most_cases_are_answered_within_48_hours_and_some_later_or_never()
    {
        var opened = Of(EventType.CaseOpened).ToDictionary(e => e.Case!, e => e.At);
        var answered = Of(EventType.CaseResponded).ToDictionary(e => e.Case!, e => e.At);
        var closed = Of(EventType.CaseClosed).Select(e => e.Case!).ToHashSet();
        var inTime = opened.Count(kv => answered.TryGetValue(kv.Key, out var at) && at - kv.Value <= Duration.FromHours(48));

        Assert.InRange((double)inTime / opened.Count, 0.6, 0.99);
        Assert.Contains(opened.Keys, id => !answered.ContainsKey(id) && closed.Contains(id));
    }

    [Fact]
    public void Improvement_letters_state_a_problem_and_a_solution()
    {
        Assert.All(Of(EventType.SellerPlanSubmitted), e => Assert.Contains("→", e.Text, StringComparison.Ordinal));
    }
}
