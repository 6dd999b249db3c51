using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Folds a seller's newly appended events onto its facts folded from every earlier event, instead of
/// folding its whole history again, when the result is sure to be what the whole fold gives.
/// </summary>
/// <remarks>
/// The facts keep values, not the events that decided them (<see cref="Winners"/> are dropped when a fold
/// ends), so this takes only events that any earlier event cannot outrank: every one strictly after the
/// seller's latest earlier event, so each is later than every earlier winner under <see cref="EventKey"/>.
/// Earlier winners are then stood in for by an event older than all; "first" winners only where their field
/// is set. Only order events other than <c>order.risk_flagged</c> are taken: they change no review, case,
/// refund, complaint, conversation or seller fact, so the steps that attach those to orders give what they
/// gave before, as long as no such fact names an order that is new here. Anything else, and facts whose
/// lists the reader orders otherwise than by arrival, is left to the whole fold (null).
/// </remarks>
public static class FactIncrement
{
    private static readonly StandingEvent OlderThanAll = new()
    {
        Id = "",
        Type = EventType.OrderPlaced,
        At = Instant.MinValue,
        Seller = "",
    };

    /// <summary>
    /// <paramref name="facts"/> (folded from every earlier event of the seller, each before
    /// <paramref name="earlierBefore"/>) with <paramref name="added"/> (the seller's new events, in arrival
    /// order) folded on, equal to a fold of all of them; null when that cannot be done here. Does not change
    /// <paramref name="facts"/> when it answers null; otherwise its orders are updated in place.
    /// </summary>
    public static SellerFacts? TryApply(SellerFacts facts, IReadOnlyList<StandingEvent> added, Instant earlierBefore)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(added);
        foreach (var e in added)
        {
            if (e.At < earlierBefore || e.Order is null || e.Type == EventType.OrderRiskFlagged
                || SellerFold.KindOf(e.Type) != SellerFold.OrderKind || !string.Equals(e.Seller, facts.Seller, StringComparison.Ordinal))
            {
                return null;
            }
        }

        var known = new Dictionary<string, int>(facts.OrderArray.Length, StringComparer.Ordinal);
        for (var i = 0; i < facts.OrderArray.Length; i++) known[facts.OrderArray[i].Order] = i;
        var named = OrdersNamedByOtherFacts(facts);
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in added)
        {
            // A new order that other facts already name would change what is attached to them.
            if (!known.ContainsKey(e.Order!) && fresh.Add(e.Order!) && named.Contains(e.Order!)) return null;
        }

        var orders = new OrderFact[facts.OrderArray.Length + fresh.Count];
        facts.OrderArray.CopyTo(orders, 0);
        var winners = new Dictionary<string, (int Slot, Winners Winners)>(StringComparer.Ordinal);
        var next = facts.OrderArray.Length;
        foreach (var e in added)
        {
            if (!winners.TryGetValue(e.Order!, out var entry))
            {
                // New orders in the order their ids are first seen, after every earlier one: as arrival order gives.
                entry = known.TryGetValue(e.Order!, out var slot)
                    ? (slot, Standing(orders[slot]))
                    : (next, default);
                if (entry.Slot == next) orders[next++] = new OrderFact(facts.Seller, e.Order!);
            }
            OrderFolding.Add(orders[entry.Slot], ref entry.Winners, e);
            winners[e.Order!] = entry;
        }
        return facts.WithOrders(orders);
    }

    /// <summary>Stand-ins for an order's earlier winners: each one older than any new event.</summary>
    private static Winners Standing(OrderFact o) => new()
    {
        First = o.PlacedAt is null ? null : OlderThanAll,
        Latest = OlderThanAll,
        Cancelled = o.CancelledAt is null ? null : OlderThanAll,
        Tracking = OlderThanAll,
        TrackingUrl = OlderThanAll,
    };

    private static HashSet<string> OrdersNamedByOtherFacts(SellerFacts facts)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in facts.ReviewArray) if (r.Order is { } order) named.Add(order);
        foreach (var c in facts.CaseArray) if (c.Order is { } order) named.Add(order);
        foreach (var r in facts.RefundArray) if (r.Order is { } order) named.Add(order);
        foreach (var c in facts.ComplaintArray) if (c.Order is { } order) named.Add(order);
        return named;
    }
}
