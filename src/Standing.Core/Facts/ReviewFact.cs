using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One review as it stands at the as-of instant.</summary>
public sealed class ReviewFact
{
    internal ReviewFact(string seller, string review)
    {
        Seller = seller;
        Review = review;
    }

    public string Seller { get; }
    public string Review { get; }
    public string? Order { get; internal set; }
    public Instant? PostedAt { get; internal set; }
    /// <summary>Current stars: the latest of the posting and its updates.</summary>
    public int? Stars { get; internal set; }
    public string? Text { get; internal set; }
    public Instant? RemovedAt { get; internal set; }
    public Instant? RepliedAt { get; internal set; }
    public Instant? ResolvedAt { get; internal set; }
    public Instant? FlaggedFakeAt { get; internal set; }
    public bool IsRemoved => RemovedAt is not null;
}
