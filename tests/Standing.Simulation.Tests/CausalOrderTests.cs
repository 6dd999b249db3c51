using Standing.Core.Events;

namespace Standing.Simulation.Tests;

/// <summary>Reads the stream in order and checks that nothing happens before what causes it.</summary>
public sealed class CausalOrderTests(SimulatedMarketplace market) : IClassFixture<SimulatedMarketplace>
{
    [Fact]
    public void Each_orders_events_come_in_causal_order()
    {
        var status = new Dictionary<string, OrderStatus>(StringComparer.Ordinal);
        var shipment = new Dictionary<string, EventType>(StringComparer.Ordinal);
        foreach (var e in market.Events)
        {
            if (e.Type == EventType.OrderPlaced)
            {
                Assert.False(status.ContainsKey(e.Order!), $"{e.Order} placed twice");
                status[e.Order!] = (OrderStatus)(-1);
                continue;
            }
            if (e.Order is null)
            {
                continue;
            }
            Assert.True(status.TryGetValue(e.Order, out var current), $"{e.Id} ({EventSchema.Name(e.Type)}) before {e.Order} was placed");
            shipment.TryGetValue(e.Order, out var shipped);
            switch (e.Type)
            {
                case EventType.OrderStatus:
                    Assert.True(Allowed(current, e.Status!.Value, shipped), $"{e.Id}: {current} -> {e.Status} after {shipped}");
                    status[e.Order] = e.Status.Value;
                    break;
                case EventType.OrderStatusCorrected:
                    Assert.Equal(current, e.StatusFrom);
                    status[e.Order] = e.StatusTo!.Value;
                    break;
                case EventType.ShipmentShipped:
                    Assert.Equal(OrderStatus.Shipping, current);
                    shipment[e.Order] = e.Type;
                    break;
                case EventType.ShipmentTrackingAdded:
                    Assert.NotEqual(default, shipped);
                    break;
                case EventType.ShipmentPickedUp:
                    Assert.Equal(EventType.ShipmentShipped, shipped);
                    shipment[e.Order] = e.Type;
                    break;
                case EventType.ShipmentDelivered:
                    Assert.Equal(EventType.ShipmentPickedUp, shipped);
                    shipment[e.Order] = e.Type;
                    break;
                case EventType.ShipmentReturned:
                    Assert.Contains(shipped, new[] { EventType.ShipmentPickedUp, EventType.ShipmentDelivered });
                    shipment[e.Order] = e.Type;
                    break;
                default:
                    break;
            }
        }
    }

    [Fact]
    public void Reviews_cases_refunds_and_conversations_follow_their_opening_event()
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var reviews = new Dictionary<string, bool>(StringComparer.Ordinal);   // removed?
        var cases = new Dictionary<string, bool>(StringComparer.Ordinal);     // closed?
        var refunds = new Dictionary<string, string>(StringComparer.Ordinal); // last step
        var conversations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in market.Events)
        {
            switch (e.Type)
            {
                case EventType.OrderPlaced:
                    placed.Add(e.Order!);
                    break;
                case EventType.ReviewPosted:
                    Assert.Contains(e.Order!, placed);
                    reviews.Add(e.Review!, false);
                    break;
                case EventType.ReviewUpdated or EventType.ReviewReplied or EventType.ReviewResolved
                    or EventType.ReviewFlaggedFake or EventType.ReviewRemoved:
                    Assert.True(reviews.TryGetValue(e.Review!, out var removed) && !removed, e.Id);
                    reviews[e.Review!] = e.Type == EventType.ReviewRemoved;
                    break;
                case EventType.CaseOpened:
                    Assert.Contains(e.Order!, placed);
                    cases.Add(e.Case!, false);
                    break;
                case EventType.CaseResponded or EventType.CaseEscalated or EventType.CaseClosed:
                    Assert.True(cases.TryGetValue(e.Case!, out var closed) && !closed, e.Id);
                    cases[e.Case!] = e.Type == EventType.CaseClosed;
                    break;
                case EventType.RefundRequested:
                    Assert.Contains(e.Order!, placed);
                    refunds.Add(e.Refund!, "requested");
                    break;
                case EventType.RefundSpontaneous:
                    Assert.Contains(e.Order!, placed);
                    break;
                case EventType.RefundSellerAction or EventType.RefundBuyerAction or EventType.RefundReturnReceived
                    or EventType.RefundCompleted:
                    Assert.True(refunds.TryGetValue(e.Refund!, out var last), e.Id);
                    var step = Step(e);
                    Assert.True(RefundStepAllowed(last!, step), $"{e.Id}: {last} -> {step}");
                    refunds[e.Refund!] = step;
                    break;
                case EventType.ChatMessage:
                    conversations.Add(e.Conversation!);
                    if (e.Order is not null)
                    {
                        Assert.Contains(e.Order, placed);
                    }
                    break;
                case EventType.ChatRated:
                    Assert.Contains(e.Conversation!, conversations);
                    break;
                default:
                    break;
            }
        }
    }

    [Fact]
    public void The_first_event_of_every_seller_is_its_registration()
    {
        var first = market.Events.GroupBy(e => e.Seller).Select(g => g.First());

        Assert.All(first, e => Assert.Equal(EventType.SellerRegistered, e.Type));
    }

    private static bool Allowed(OrderStatus from, OrderStatus to, EventType shipment) => ((int)from, to) switch
    {
        (-1, OrderStatus.Open) => true,
        ((int)OrderStatus.Open, OrderStatus.Shipping or OrderStatus.Cancelled) => true,
        ((int)OrderStatus.Open, OrderStatus.Delivered) => true, // a cancelled order wrongly entered as delivered
        ((int)OrderStatus.Shipping, OrderStatus.Shipped) => shipment == EventType.ShipmentShipped,
        ((int)OrderStatus.Shipped, OrderStatus.Delivered) => shipment == EventType.ShipmentDelivered,
        ((int)OrderStatus.Shipped, OrderStatus.Cancelled) => shipment == EventType.ShipmentDelivered, // wrongly entered
        ((int)OrderStatus.Shipped or (int)OrderStatus.Delivered, OrderStatus.Returned) => shipment == EventType.ShipmentReturned,
        _ => false,
    };

    private static string Step(StandingEvent e) => e.Type switch
    {
        EventType.RefundSellerAction => e.Action!,
        EventType.RefundBuyerAction => "buyer_" + e.Phase,
        EventType.RefundReturnReceived => "received",
        _ => "completed",
    };

    private static bool RefundStepAllowed(string last, string step) => (last, step) switch
    {
        ("requested", "approve" or "reject") => true,
        ("approve", "buyer_start" or "completed") => true,
        ("reject", "completed") => true,
        ("buyer_start", "buyer_end") => true,
        ("buyer_end", "received" or "completed") => true,
        ("received", "approve") => true,
        _ => false,
    };
}
