using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Standing.Core.Facts;

/// <summary>
/// Derives a seller's consultations from its conversations in one time zone: one per buyer and local
/// natural day on which the buyer wrote between the day's start (08:00 unless a metric says otherwise)
/// and 24:00 local time. The day depends on the
/// policy's zone, so consultations are not folded with the other facts but derived when a policy asks.
/// </summary>
/// <remarks>
/// <para>
/// A buyer's lines are all their messages and every agent or bot message in the conversations they
/// wrote in, merged in the total order (instant, then event id). A <b>wait</b> starts at a buyer message
/// sent in those hours when no wait of that day is open (the buyer's earlier messages were answered), and
/// ends at the next agent or bot message in any of those conversations, whatever the day (a message at
/// 23:59:30 answered at 00:02 waited 2½ minutes). Messages before the day's start open no wait.
/// </para>
/// <para>
/// A bot message answers, as an agent's does: the consultation's own <c>reply_at</c> has always counted
/// the first agent or bot answer.
/// </para>
/// </remarks>
internal static class Consultations
{
    /// <summary>
    /// The reply time the chat standards allow ("not answered within 3 minutes") unless a metric gives its
    /// own limit: the wait that decides a buyer-day is the first one answered later than the limit
    /// (exactly the limit is on time).
    /// </summary>
    public static readonly Duration ReplyLimit = Duration.FromMinutes(3);

    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    /// <param name="dayStart">Messages before this local time start no wait and make no consultation (midnight: every hour counts).</param>
    /// <param name="replyLimit">The metric's limit: which wait decides a day depends on it.</param>
    public static ConsultationFact[] Derive(string seller, IReadOnlyList<ConversationFact> conversations, DateTimeZone zone, LocalTime dayStart, Duration replyLimit)
    {
        var result = new List<ConsultationFact>();
        foreach (var (buyer, lines) in Timelines(conversations))
        {
            Walk(seller, buyer, lines, zone, dayStart, replyLimit, result);
        }
        return [.. result];
    }

    /// <summary>One line of a buyer's merged timeline: a message of theirs (<see cref="Buyer"/> set), or an answer in one of their conversations.</summary>
    private readonly record struct Line(Instant At, string Id, string? Buyer, string Conversation, Instant? NextReplyInConversation)
    {
        public bool FromBuyer => Buyer is not null;
    }

    /// <summary>Per buyer (the anonymous buyer of a conversation stands as <c>conversation:ID</c>), their lines in order.</summary>
    private static Dictionary<string, List<Line>> Timelines(IReadOnlyList<ConversationFact> conversations)
    {
        var timelines = new Dictionary<string, List<Line>>(StringComparer.Ordinal);
        var buyers = new List<string>(1);
        foreach (var c in conversations)
        {
            var lines = c.Lines;
            var anonymous = c.Buyer ?? "conversation:" + c.Conversation;
            buyers.Clear();
            Instant? nextReply = null;
            var own = new Line[lines.Count];
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                var line = lines[i];
                if (line.From != "buyer")
                {
                    nextReply = line.At;
                    own[i] = new Line(line.At, line.Id, null, c.Conversation, null);
                    continue;
                }
                var buyer = line.Buyer ?? anonymous;
                own[i] = new Line(line.At, line.Id, buyer, c.Conversation, nextReply);
                if (!buyers.Contains(buyer, StringComparer.Ordinal)) buyers.Add(buyer);
            }
            foreach (var buyer in buyers)
            {
                if (!timelines.TryGetValue(buyer, out var timeline)) timelines[buyer] = timeline = [];
                // A buyer's messages go to that buyer; answers go to every buyer of the conversation.
                foreach (var line in own)
                {
                    if (line.Buyer is null || string.Equals(line.Buyer, buyer, StringComparison.Ordinal)) timeline.Add(line);
                }
            }
        }
        foreach (var timeline in timelines.Values)
        {
            timeline.Sort(static (a, b) =>
            {
                var c = a.At.CompareTo(b.At);
                return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
            });
        }
        return timelines;
    }

    /// <summary>Walks one buyer's timeline, opening and closing waits, and adds one consultation per local day they wrote on.</summary>
    private static void Walk(string seller, string buyer, List<Line> lines, DateTimeZone zone, LocalTime dayStart, Duration replyLimit, List<ConsultationFact> result)
    {
        var days = new List<Day>();
        var open = new List<Day>(2); // the days whose wait is open: the last one, and an earlier one still unanswered
        foreach (var line in lines)
        {
            if (!line.FromBuyer)
            {
                foreach (var day in open) day.Close(line.At);
                open.Clear();
                continue;
            }
            var local = line.At.InZone(zone);
            if (local.TimeOfDay < dayStart) continue;
            var current = days.Count > 0 && days[^1].Date == local.Date ? days[^1] : null;
            if (current is null)
            {
                current = new Day(local.Date, line, replyLimit);
                days.Add(current);
            }
            if (current.OpenSince is null)
            {
                current.Open(line.At);
                open.Add(current);
            }
        }
        foreach (var day in days)
        {
            var (waitAt, waitReplyAt) = day.Deciding();
            var id = string.Create(CultureInfo.InvariantCulture, $"{buyer}|{DayPattern.Format(day.Date)}");
            result.Add(new ConsultationFact(seller, id, buyer, day.First.At, day.First.NextReplyInConversation, day.First.Conversation)
            {
                WaitAt = waitAt,
                WaitReplyAt = waitReplyAt,
                Waits = day.Waits,
            });
        }
    }

    /// <summary>One buyer-day while walking: its first message, its waits so far, the one that decides it.</summary>
    private sealed class Day(LocalDate date, Line first, Duration limit)
    {
        public LocalDate Date { get; } = date;
        public Line First { get; } = first;
        public int Waits { get; private set; }
        public Instant? OpenSince { get; private set; }
        private (Instant At, Instant ReplyAt)? _firstLate;
        private (Instant At, Instant ReplyAt)? _longest;

        public void Open(Instant at)
        {
            OpenSince = at;
            Waits++;
        }

        public void Close(Instant reply)
        {
            var at = OpenSince!.Value;
            OpenSince = null;
            var took = reply - at;
            if (took > limit) _firstLate ??= (at, reply);
            if (_longest is not { } longest || took > longest.ReplyAt - longest.At) _longest = (at, reply);
        }

        /// <summary>
        /// The wait that decides the day: the first one answered later than the limit; else the one still
        /// open (late or pending depending on the as-of); else the longest one answered (the first of equals).
        /// </summary>
        public (Instant At, Instant? ReplyAt) Deciding() =>
            _firstLate is { } late ? (late.At, late.ReplyAt)
            : OpenSince is { } since ? (since, null)
            : (_longest!.Value.At, _longest.Value.ReplyAt);
    }
}
