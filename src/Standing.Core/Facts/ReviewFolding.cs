using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds one event of a review straight into its <see cref="ReviewFact"/>.</summary>
internal static class ReviewFolding
{
    public static void Add(ReviewFact r, ref Winners w, StandingEvent e)
    {
        switch (e.Type)
        {
            case EventType.ReviewPosted:
                if (EventKey.IsNewFirst(e, w.First))
                {
                    w.First = e;
                    r.PostedAt = e.At;
                    r.Order = e.Order;
                    r.Text = e.Text;
                }
                OfferStars(r, ref w, e);
                break;
            case EventType.ReviewUpdated:
                OfferStars(r, ref w, e);
                break;
            case EventType.ReviewRemoved:
                First(ref r._removedAt, r, ReviewFact.RemovedSlot, e);
                break;
            case EventType.ReviewReplied:
                First(ref r._repliedAt, r, ReviewFact.RepliedSlot, e);
                break;
            case EventType.ReviewResolved:
                First(ref r._resolvedAt, r, ReviewFact.ResolvedSlot, e);
                break;
            case EventType.ReviewFlaggedFake:
                First(ref r._flaggedFakeAt, r, ReviewFact.FlaggedFakeSlot, e);
                break;
        }
    }

    private static void OfferStars(ReviewFact r, ref Winners w, StandingEvent e)
    {
        if (EventKey.IsNewLatest(e, w.Latest))
        {
            w.Latest = e;
            r.Stars = e.Stars!.Value;
        }
    }

    private static void First(ref long field, ReviewFact r, int slot, StandingEvent e) =>
        CompactInstant.KeepEarliest(ref field, ref r._far, slot, ReviewFact.Slots, e.At);
}
