namespace Standing.Simulation;

/// <summary>Benchmark mode: an order, maybe its review (with stars), maybe a case. Nothing else, and fast.</summary>
internal static class OrdersOnlyScript
{
    private static readonly string[] CaseKinds = ["not_received", "not_as_described"];

    public static void Run(SellerContext c, long placed)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var b = c.B;
        var p = c.Profile;
        var order = c.NextOrder();
        var shipBy = c.Clock.EndOfDay(placed, p.HandlingDays);
        var deliverBy = shipBy + (p.TransitDays * LocalClock.Day);
        w.OrderPlaced(placed, order, c.Buyers.Pick(rng), shipBy, deliverBy, c.Amount(), c.Options.Currency);

        if (rng.Chance(b.ReviewRate))
        {
            var t = placed + c.DaysBetween(2, 20);
            if (w.Accepts(t))
            {
                var stars = c.Stars(Math.Min(b.NegativeReviewShare * c.Quality(placed), 0.9));
                w.ReviewPosted(t, c.NextReview(), order, stars, ReviewScript.Text(rng, stars, null));
            }
        }
        if (c.Problem(b.CaseRate, c.Quality(placed)) || rng.Chance(c.Options.OrdersOnlyExtraCaseRate))
        {
            var t = placed + c.DaysBetween(2, 25);
            if (w.Accepts(t))
            {
                w.CaseOpened(t, c.NextCase(), order, CaseKinds[rng.Next(2)]);
            }
        }
    }
}
