using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// While folding, the events that decided a fact's data-bearing fields so far, so a later-arriving
/// event can be compared with them by <see cref="EventKey"/> (instant, then id). Dropped when the fold ends.
/// </summary>
internal struct Winners
{
    /// <summary>Orders: the placement; reviews: the posting; cases: the opening (the first such event).</summary>
    public StandingEvent? First;

    /// <summary>Orders: the status or correction; reviews: the stars; cases: the closing (the latest such event).</summary>
    public StandingEvent? Latest;

    /// <summary>Orders: the first cancellation (it says by whom).</summary>
    public StandingEvent? Cancelled;

    /// <summary>Orders: the latest event with a tracking number.</summary>
    public StandingEvent? Tracking;

    /// <summary>Orders: the latest event with a tracking link.</summary>
    public StandingEvent? TrackingUrl;
}
