using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Standing.Core.Facts;

/// <summary>
/// Derives a seller's consultations from its buyer messages in one time zone: per buyer and local
/// natural day, the first buyer message sent 08:00–24:00 local time. The day depends on the policy's
/// zone, so consultations are not folded with the other facts but derived when a policy asks.
/// </summary>
internal static class Consultations
{
    private static readonly LocalTime DayStarts = new(8, 0);
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    public static ConsultationFact[] Derive(string seller, IReadOnlyList<MessageFact> messages, DateTimeZone zone)
    {
        var first = new Dictionary<string, MessageFact>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            var local = m.At.InZone(zone);
            if (local.TimeOfDay < DayStarts) continue;
            var key = string.Create(CultureInfo.InvariantCulture, $"{BuyerOf(m)}|{DayPattern.Format(local.Date)}");
            if (!first.TryGetValue(key, out var known) || m.At < known.At
                || (m.At == known.At && string.CompareOrdinal(m.Message, known.Message) < 0))
            {
                first[key] = m;
            }
        }
        var result = new ConsultationFact[first.Count];
        var i = 0;
        foreach (var (key, m) in first)
        {
            var reply = m.ReplyAt is { } a && m.BotReplyAt is { } b ? Instant.Min(a, b) : m.ReplyAt ?? m.BotReplyAt;
            result[i++] = new ConsultationFact(seller, key, BuyerOf(m), m.At, reply, m.Conversation);
        }
        return result;
    }

    /// <summary>The buyer, or the conversation standing for an anonymous buyer.</summary>
    private static string BuyerOf(MessageFact m) => m.Buyer ?? "conversation:" + m.Conversation;
}
