using Standing.Core.Events;

namespace Standing.Simulation;

/// <summary>
/// A review and what follows it: the seller's reply, resolution with the buyer, the buyer raising the
/// stars or deleting the review after resolution, and fake positive reviews flagged and removed.
/// </summary>
internal static class ReviewScript
{
    /// <summary>Posts a review; <paramref name="negativeTexts"/> chooses the complaint texts of 1–2 star reviews.</summary>
    public static void Post(SellerContext c, long t, string order, int stars, string[]? negativeTexts)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var b = c.B;
        var review = c.NextReview();
        w.ReviewPosted(t, review, order, stars, Text(rng, stars, negativeTexts));

        if (stars <= 2)
        {
            var last = t;
            if (rng.Chance(b.ReviewReplyRate))
            {
                last = t + c.Hours(1, 120);
                w.Review(last, EventType.ReviewReplied, review, Phrases.Pick(Phrases.ReviewReply, rng));
            }
            if (rng.Chance(b.ReviewResolveRate))
            {
                last += c.DaysBetween(1, 7);
                w.Review(last, EventType.ReviewResolved, review);
                if (rng.Chance(0.45))
                {
                    var raised = rng.Chance(0.5) ? 4 : 5;
                    w.ReviewUpdated(last + c.Hours(1, 48), review, raised, Phrases.Pick(Phrases.PositiveReview, rng));
                }
                else if (rng.Chance(0.25))
                {
                    w.Review(last + c.Hours(1, 48), EventType.ReviewRemoved, review);
                }
            }
            return;
        }

        var replied = t;
        if (rng.Chance(0.15))
        {
            replied = t + c.Hours(1, 72);
            w.Review(replied, EventType.ReviewReplied, review, Phrases.Pick(Phrases.ReviewReply, rng));
        }
        if (stars == 5 && rng.Chance(b.FakeReviewRate))
        {
            var flagged = Math.Max(t + c.DaysBetween(1, 20), replied + c.Hours(1, 24));
            w.Review(flagged, EventType.ReviewFlaggedFake, review);
            if (rng.Chance(0.8))
            {
                w.Review(flagged + c.Hours(1, 72), EventType.ReviewRemoved, review);
            }
        }
    }

    public static string? Text(DeterministicRandom rng, int stars, string[]? negativeTexts) => stars switch
    {
        <= 2 => Phrases.Pick(negativeTexts ?? Phrases.NegativeReview, rng),
        3 => rng.Chance(0.7) ? Phrases.Pick(Phrases.NeutralReview, rng) : null,
        _ => rng.Chance(0.6) ? Phrases.Pick(Phrases.PositiveReview, rng) : null,
    };
}
