using System.Globalization;
using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;
using Standing.Core.Metrics;

namespace Standing.Core.Scorecards;

/// <summary>
/// Scores each agent of a seller over the sessions of a window (a session counts in the window of its
/// first buyer message). A wait starts at the first buyer message meant for a human since the last agent
/// message (at or after the transfer, or any in a human session never transferred) and ends at the next
/// agent message, which is that agent's response. An agent's first response in a session is its first
/// such response there. Satisfaction and conversion count every session the agent wrote in; a session
/// converts when an order is placed during it or within the horizon after it by its buyer, or is named
/// by one of its messages (chat.message <c>order</c>).
/// </summary>
public static class AgentScorecard
{
    public static IReadOnlyList<AgentScore> Compute(SellerFacts facts, Instant asOf, BusinessCalendar calendar, AgentScorecardSpec spec, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(spec);
        var window = spec.Window.Resolve(asOf, calendar);
        // Every answered wait of the seller, in or out of the window: any of them may extend a shift.
        var clock = new ShiftClock(calendar, facts.Conversations.SelectMany(c => Waits(c)).Select(w => (w.From!.Value, w.To)));
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var ordersByBuyer = facts.Orders.Where(o => o.Buyer is not null && o.PlacedAt is not null)
            .ToLookup(o => o.Buyer!, StringComparer.Ordinal);
        var orders = facts.Orders.ToDictionary(o => o.Order, StringComparer.Ordinal);
        var zone = calendar.Zone;
        foreach (var c in facts.Conversations.OrderBy(c => c.Conversation, StringComparer.Ordinal))
        {
            if ((c.FirstBuyerAt ?? c.StartedAt) is not { } opened || !window.Contains(opened)) continue;
            var perAgent = Responses(c, clock);
            if (perAgent.Count == 0) continue;
            var converted = ConvertingOrder(c, ordersByBuyer, orders, spec.ConversionHours);
            foreach (var (agent, waits) in perAgent)
            {
                if (!tallies.TryGetValue(agent, out var t)) tallies[agent] = t = new Tally();
                t.Sessions++;
                if (waits.Count > 0)
                {
                    t.FirstResponses++;
                    t.FirstTotal += waits[0].TotalSeconds;
                    t.Responses += waits.Count;
                    t.Total += waits.Sum(w => w.TotalSeconds);
                }
                if (c.Rating is { } rating)
                {
                    t.Rated++;
                    if (rating == "satisfied") t.Satisfied++;
                }
                if (converted is not null) t.Converted++;
                if (explain) t.Items.Add(Describe(c, waits, converted, zone));
            }
        }
        return tallies.Select(kv => kv.Value.Finish(kv.Key, window, spec)).ToArray();
    }

    /// <summary>Per agent who wrote in the session, the waits it ended, in order (empty when it only wrote unprompted).</summary>
    private static Dictionary<string, List<Duration>> Responses(ConversationFact c, ShiftClock clock)
    {
        var result = new Dictionary<string, List<Duration>>(StringComparer.Ordinal);
        foreach (var (agent, from, to) in Waits(c, unprompted: true))
        {
            if (!result.TryGetValue(agent, out var waits)) result[agent] = waits = [];
            if (from is { } since) waits.Add(clock.Wait(since, to));
        }
        return result;
    }

    /// <summary>
    /// The session's agent messages in order, each with the start of the wait it ended (null when the
    /// agent wrote unprompted; those are left out unless <paramref name="unprompted"/>).
    /// </summary>
    private static IEnumerable<(string Agent, Instant? From, Instant To)> Waits(ConversationFact c, bool unprompted = false)
    {
        Instant? waitingSince = null;
        foreach (var line in c.Lines)
        {
            switch (line.From)
            {
                case "buyer" when waitingSince is null && (c.TransferredAt is not { } t || line.At >= t):
                    waitingSince = line.At;
                    break;
                case "agent" when line.Agent is { } agent:
                    if (waitingSince is not null || unprompted) yield return (agent, waitingSince, line.At);
                    waitingSince = null;
                    break;
            }
        }
    }

    /// <summary>
    /// The first order placed with the seller from the session's first buyer message until the horizon
    /// after its last message, by the session's buyer or named by one of its messages.
    /// </summary>
    private static OrderFact? ConvertingOrder(ConversationFact c, ILookup<string, OrderFact> ordersByBuyer, IReadOnlyDictionary<string, OrderFact> orders, double hours)
    {
        if (c.FirstBuyerAt is not { } from || c.Lines.Count == 0) return null;
        var until = c.Lines[^1].At + Duration.FromSeconds(hours * 3600);
        var named = c.Lines.Where(l => l.Order is not null).Select(l => orders.GetValueOrDefault(l.Order!)).OfType<OrderFact>();
        var byBuyer = c.Buyer is null ? [] : ordersByBuyer[c.Buyer];
        return named.Concat(byBuyer)
            .Where(o => o.PlacedAt >= from && o.PlacedAt <= until)
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Order, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string Describe(ConversationFact c, List<Duration> waits, OrderFact? converted, DateTimeZone zone)
    {
        var responses = waits.Count == 0 ? "no response to a waiting buyer"
            : "responses " + string.Join(", ", waits.Select(w => Seconds(w.TotalSeconds) + " s")) + $" (first {Seconds(waits[0].TotalSeconds)} s)";
        var rating = c.Rating is { } r ? $"rated {r}" : "not rated";
        var order = converted is null ? "no order" : $"order {converted.Order} placed {LocalText.Show(converted.PlacedAt, zone)}";
        return $"{c.Conversation} (first buyer message {LocalText.Show(c.FirstBuyerAt ?? c.StartedAt, zone)}): {responses}; {rating}; {order}";
    }

    private static string Seconds(double s) => s.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public int Sessions, FirstResponses, Responses, Rated, Satisfied, Converted;
        public double FirstTotal, Total;
        public List<string> Items { get; } = [];

        public AgentScore Finish(string agent, TimeWindow window, AgentScorecardSpec spec)
        {
            double? first = FirstResponses == 0 ? null : FirstTotal / FirstResponses;
            double? average = Responses == 0 ? null : Total / Responses;
            return new AgentScore
            {
                Agent = agent,
                Window = window,
                Sessions = Sessions,
                FirstResponses = FirstResponses,
                FirstResponseSeconds = first,
                FirstResponseStatus = Judge(first, FirstResponses, spec),
                Responses = Responses,
                AvgResponseSeconds = average,
                AvgResponseStatus = Judge(average, Responses, spec),
                Rated = Rated,
                Satisfied = Satisfied,
                Converted = Converted,
                Items = Items,
            };
        }

        private static MetricStatus Judge(double? seconds, int sample, AgentScorecardSpec spec) =>
            seconds is not { } s || sample < spec.MinResponses ? MetricStatus.InsufficientData
            : s <= spec.ResponseTargetSeconds ? MetricStatus.Good : MetricStatus.Breach;
    }
}
