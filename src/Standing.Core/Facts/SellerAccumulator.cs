using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Routes one seller's events to the order, review and case they are about.</summary>
internal sealed class SellerAccumulator(string seller)
{
    private readonly Dictionary<string, OrderAccumulator> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReviewAccumulator> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseAccumulator> _cases = new(StringComparer.Ordinal);

    public void Add(StandingEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrderPlaced or EventType.OrderStatus or EventType.OrderStatusCorrected
                or EventType.ShipmentShipped or EventType.ShipmentTrackingAdded or EventType.ShipmentPickedUp
                or EventType.ShipmentDelivered or EventType.ShipmentReturned:
                GetOrAdd(_orders, e.Order!, id => new OrderAccumulator(seller, id)).Add(e);
                break;
            case EventType.ReviewPosted or EventType.ReviewUpdated or EventType.ReviewRemoved or EventType.ReviewReplied
                or EventType.ReviewResolved or EventType.ReviewFlaggedFake:
                GetOrAdd(_reviews, e.Review!, id => new ReviewAccumulator(seller, id)).Add(e);
                break;
            case EventType.CaseOpened or EventType.CaseResponded or EventType.CaseEscalated or EventType.CaseClosed:
                GetOrAdd(_cases, e.Case!, id => new CaseAccumulator(seller, id)).Add(e);
                break;
        }
    }

    public SellerFacts ToFacts()
    {
        var orders = Materialize(_orders, a => a.ToFact(), f => f.Order);
        var reviews = Materialize(_reviews, a => a.ToFact(), f => f.Review);
        var cases = Materialize(_cases, a => a.ToFact(), f => f.Case);
        AttachReviewsAndCases(orders, reviews, cases);
        return new SellerFacts(seller, orders, reviews, cases);
    }

    /// <summary>Gives each order its lowest standing review and its cases (ties broken by id for stability).</summary>
    private static void AttachReviewsAndCases(OrderFact[] orders, ReviewFact[] reviews, CaseFact[] cases)
    {
        if (reviews.Length == 0 && cases.Length == 0) return;
        var byId = new Dictionary<string, OrderFact>(orders.Length, StringComparer.Ordinal);
        foreach (var o in orders) byId[o.Order] = o;
        foreach (var r in reviews)
        {
            if (r.IsRemoved || r.Stars is not { } stars || r.Order is null || !byId.TryGetValue(r.Order, out var o)) continue;
            if (o.LowestReviewStars is null || stars < o.LowestReviewStars) // reviews are in id order: first id wins a tie
            {
                o.LowestReviewStars = stars;
                o.LowestReview = r.Review;
            }
        }
        foreach (var c in cases)
        {
            if (c.OpenedAt is not { } opened || c.Order is null || !byId.TryGetValue(c.Order, out var o)) continue;
            o.CaseCount++;
            if (o.FirstCaseAt is null || opened < o.FirstCaseAt)
            {
                o.FirstCaseAt = opened;
                o.FirstCase = c.Case;
            }
        }
    }

    private static TAcc GetOrAdd<TAcc>(Dictionary<string, TAcc> map, string id, Func<string, TAcc> create)
    {
        if (!map.TryGetValue(id, out var acc))
        {
            acc = create(id);
            map.Add(id, acc);
        }
        return acc;
    }

    private static TFact[] Materialize<TAcc, TFact>(Dictionary<string, TAcc> map, Func<TAcc, TFact> toFact, Func<TFact, string> id)
    {
        var facts = new TFact[map.Count];
        var i = 0;
        foreach (var acc in map.Values) facts[i++] = toFact(acc);
        Array.Sort(facts, (a, b) => string.CompareOrdinal(id(a), id(b)));
        return facts;
    }
}
