namespace Standing.Simulation;

/// <summary>
/// Buyer conversations, in chat-local time (<see cref="SimulationOptions.ChatOffset"/>): a buyer
/// message, the chatbot's greeting, the buyer asking for a human (<c>human_requested</c>), agent replies
/// after seconds to minutes, follow-ups, and sometimes a rating — stars 1–5 or satisfied / neutral /
/// disappointed, with a reason such as <c>bad_attitude</c>. Agents work the shifts 08:30–23:30: a buyer
/// who opens a conversation outside them waits for the morning shift unless the seller staffs nights,
/// while one already being served is answered at once (the shift extends while a buyer is consulting).
/// </summary>
internal static class ConversationScript
{
    private const double HumanRequestShare = 0.55;
    private const double RatedShare = 0.35;
    private const double PostSaleShare = 0.5;

    /// <summary>A conversation on its own: about a recent order (post-sale) or a pre-sale question.</summary>
    public static void Standalone(SellerContext c, long start)
    {
        if (c.Rng.Chance(PostSaleShare) && c.TryRecentOrder(start, out var order, out var buyer))
        {
            Run(c, start, buyer, order, null, 0);
        }
        else
        {
            Run(c, start, c.Buyers.Pick(c.Rng), null, null, 0);
        }
    }

    /// <summary>
    /// A pre-sale conversation that converts: it starts before the order and ends with a message naming
    /// it. An order placed while no agent is on shift was discussed in the evening before: the buyer
    /// ordered overnight, and the agent thanks them in the morning.
    /// </summary>
    public static void BeforeOrder(SellerContext c, long placed, string order, string buyer)
    {
        var start = placed - c.Minutes(3, 45);
        if (!c.OnShift(start))
        {
            start = c.LastShiftEnd(start) - c.Minutes(5, 120);
        }
        if (start >= c.Registered)
        {
            Run(c, start, buyer, null, order, placed);
        }
    }

    private static void Run(SellerContext c, long start, string buyer, string? aboutOrder, string? convertedOrder, long placed)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var p = c.Profile;
        var b = c.B;
        var quality = c.Quality(start);
        var conversation = c.NextConversation();

        var last = start;
        w.ChatMessage(last, conversation, "buyer", buyer, null, null, aboutOrder, Phrases.Pick(Phrases.BuyerQuestion, rng));
        var human = true;
        if (p.HasChatBot)
        {
            last += 1 + rng.Next(4);
            w.ChatMessage(last, conversation, "bot", null, null, null, null, Phrases.Pick(Phrases.Bot, rng));
            human = rng.Chance(HumanRequestShare);
            if (human)
            {
                last += 10 + rng.Next(80);
                w.ChatMessage(last, conversation, "buyer", buyer, null, true, null, Phrases.Pick(Phrases.HumanRequest, rng));
            }
        }

        string? agent = null;
        var slow = false;
        var unanswered = false;
        if (human)
        {
            agent = c.Agent(last);
            var exchanges = 1 + rng.Next(3);
            for (var i = 0; i < exchanges; i++)
            {
                if (i == 0 && c.Problem(b.UnansweredChatRate, quality))
                {
                    unanswered = true;
                    break;
                }
                last += ReplyDelay(c, last, i > 0, quality, ref slow);
                var text = rng.Chance(b.ForbiddenContentRate)
                    ? Phrases.Pick(Phrases.AgentForbidden, rng)
                    : Phrases.Pick(Phrases.Agent, rng);
                w.ChatMessage(last, conversation, "agent", null, agent, null, null, text);
                if (i < exchanges - 1)
                {
                    last += 20 + rng.Next(340);
                    w.ChatMessage(last, conversation, "buyer", buyer, null, null, null, Phrases.Pick(Phrases.BuyerFollowUp, rng));
                }
            }
        }

        if (convertedOrder is not null && (p.HasChatBot || !unanswered))
        {
            // The closing message names the order the conversation led to (conversion): at once while
            // the buyer is still in the conversation or an agent is on shift, else from the morning shift.
            var closing = Math.Max(last, placed) + 5 + rng.Next(115);
            var byAgent = agent is not null && !unanswered;
            if (byAgent && placed - last > 10 * LocalClock.Minute && !c.OnShift(closing))
            {
                closing = c.NextShiftStart(closing) + 5 + rng.Next(115);
            }
            last = closing;
            w.ChatMessage(last, conversation, byAgent ? "agent" : "bot", null, byAgent ? agent : null, null, convertedOrder,
                Phrases.Pick(Phrases.OrderThanks, rng));
        }

        if (rng.Chance(RatedShare))
        {
            Rate(c, last + 30 + rng.Next(1800), conversation, slow || unanswered, quality);
        }
    }

    /// <summary>
    /// Seconds until the agent answers a buyer message sent at <paramref name="asked"/>. A first question
    /// asked off shift waits for the morning shift, whose agent then answers it like any other; a
    /// follow-up in a conversation the agent is already in (<paramref name="engaged"/>) is answered as
    /// usual, even past the end of the shift.
    /// </summary>
    private static long ReplyDelay(SellerContext c, long asked, bool engaged, double quality, ref bool slow)
    {
        var rng = c.Rng;
        var from = asked;
        if (!engaged && !c.OnShift(asked))
        {
            slow = true;
            from = c.NextShiftStart(asked);
        }
        if (c.Problem(c.B.SlowChatReplyRate, quality))
        {
            slow = true;
            return from + 180 + rng.Next(1620) - asked;
        }
        var seconds = c.B.ChatReplySeconds * Math.Exp(0.7 * rng.Normal());
        return from + (long)Math.Clamp(seconds, 3, 175) - asked;
    }

    private static void Rate(SellerContext c, long t, string conversation, bool badService, double quality)
    {
        var rng = c.Rng;
        var satisfaction = 1 - ((1 - c.B.ChatSatisfaction) * quality);
        if (badService)
        {
            satisfaction *= 0.6;
        }
        var satisfied = rng.Chance(satisfaction);
        if (rng.Chance(0.5))
        {
            var stars = satisfied ? (rng.Chance(0.7) ? 5 : 4) : rng.Chance(0.4) ? 3 : 1 + rng.Next(2);
            c.Writer.ChatRated(t, conversation, stars, null, satisfied ? null : Reason(c, badService));
        }
        else
        {
            var rating = satisfied ? "satisfied" : rng.Chance(0.5) ? "neutral" : "disappointed";
            c.Writer.ChatRated(t, conversation, null, rating, satisfied ? null : Reason(c, badService));
        }
    }

    private static string Reason(SellerContext c, bool badService) =>
        c.Rng.Chance(c.B.BadAttitudeShare) ? "bad_attitude" : badService ? "slow_reply" : "not_resolved";
}
