using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds the events of one review.</summary>
internal sealed class ReviewAccumulator(string seller, string review)
{
    private Keyed<StandingEvent> _posted;
    private Keyed<int> _stars;
    private Keyed<bool> _removed, _replied, _resolved, _fake;

    public void Add(StandingEvent e)
    {
        var key = EventKey.Of(e);
        switch (e.Type)
        {
            case EventType.ReviewPosted:
                _posted.OfferFirst(key, e);
                _stars.OfferLast(key, e.Stars!.Value);
                break;
            case EventType.ReviewUpdated:
                _stars.OfferLast(key, e.Stars!.Value);
                break;
            case EventType.ReviewRemoved:
                _removed.OfferFirst(key, true);
                break;
            case EventType.ReviewReplied:
                _replied.OfferFirst(key, true);
                break;
            case EventType.ReviewResolved:
                _resolved.OfferFirst(key, true);
                break;
            case EventType.ReviewFlaggedFake:
                _fake.OfferFirst(key, true);
                break;
        }
    }

    public ReviewFact ToFact()
    {
        var posted = _posted.HasValue ? _posted.Value : null;
        return new ReviewFact(seller, review)
        {
            Order = posted?.Order,
            PostedAt = _posted.At,
            Stars = _stars.HasValue ? _stars.Value : null,
            Text = posted?.Text,
            RemovedAt = _removed.At,
            RepliedAt = _replied.At,
            ResolvedAt = _resolved.At,
            FlaggedFakeAt = _fake.At,
        };
    }
}
