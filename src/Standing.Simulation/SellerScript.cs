namespace Standing.Simulation;

/// <summary>
/// One seller's whole history: registration, an improvement letter if it sends one, then day by day
/// its orders (Poisson per day, busier at weekends, at buyer-like hours) and conversations (at buyer-like
/// hours of the chat-local day).
/// </summary>
internal static class SellerScript
{
    private static readonly double[] WeekdayFactor = [0.94, 0.94, 0.95, 0.98, 1.04, 1.07, 1.08];

    public static void Run(SellerContext c)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var p = c.Profile;
        var ordersOnly = c.Options.OrdersOnly;
        if (!ordersOnly)
        {
            w.SellerRegistered(c.Registered);
            if (p.PlanSubmitted is { } plan)
            {
                w.PlanSubmitted(plan.ToUnixTimeSeconds(), Phrases.Pick(Phrases.Plan, rng));
            }
        }

        var chatsPerDay = p.OrdersPerDay * c.Options.ConversationsPerOrder;
        for (var day = c.Clock.DayStart(c.Registered); day < c.End; day += LocalClock.Day)
        {
            var factor = WeekdayFactor[c.Clock.Weekday(day)];
            var n = rng.Poisson(p.OrdersPerDay * factor);
            var dayTimes = c.DayTimes(n);
            var kept = 0;
            for (var i = 0; i < n; i++)
            {
                var t = day + HourProfile.Orders.SecondOfDay(rng);
                if (t >= c.Registered && t < c.End)
                {
                    dayTimes[kept++] = t;
                }
            }
            if (kept > 1)
            {
                Array.Sort(dayTimes, 0, kept);
            }
            for (var i = 0; i < kept; i++)
            {
                if (ordersOnly)
                {
                    OrdersOnlyScript.Run(c, dayTimes[i]);
                }
                else
                {
                    OrderScript.Run(c, dayTimes[i]);
                }
            }

            if (!ordersOnly)
            {
                // Buyers consult by the hour of the chat-local day that overlaps this local day most.
                var chatDay = c.ChatClock.DayStart(day + (12 * LocalClock.Hour));
                var chats = rng.Poisson(chatsPerDay * factor);
                for (var i = 0; i < chats; i++)
                {
                    var t = chatDay + HourProfile.Chats.SecondOfDay(rng);
                    if (t >= c.Registered && t < c.End)
                    {
                        ConversationScript.Standalone(c, t);
                    }
                }
            }
        }
    }
}
