using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Enforcement;

/// <summary>
/// The events a machine reads (complaints filed, improvement letters), rebuilt from a seller's facts so
/// that the daily job needs stored facts only, never the event log: each complaint as its first filing
/// (the filing that gives its facts), each letter as sent.
/// </summary>
public static class MachineEvents
{
    public static List<StandingEvent> Of(SellerFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var events = new List<StandingEvent>(facts.Complaints.Count + facts.Plans.Count);
        foreach (var c in facts.Complaints)
        {
            if (c.FiledAt is not { } at) continue;
            events.Add(new StandingEvent { Id = c.Complaint, Type = EventType.ComplaintFiled, At = at, Seller = facts.Seller, Complaint = c.Complaint, Order = c.Order, Kind = c.Kind });
        }
        foreach (var p in facts.Plans)
        {
            events.Add(new StandingEvent { Id = p.Id, Type = EventType.SellerPlanSubmitted, At = p.At, Seller = facts.Seller, Text = p.Text });
        }
        return events;
    }
}
