using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One review as it stands at the as-of instant.</summary>
/// <remarks>Instants are stored compactly (see <see cref="CompactInstant"/>); the getters show them as <c>Instant?</c>.</remarks>
public sealed class ReviewFact
{
    internal const int PostedSlot = 0, RemovedSlot = 1, RepliedSlot = 2, ResolvedSlot = 3, FlaggedFakeSlot = 4, Slots = 5;

    private const int NoStars = int.MinValue;

    internal long _postedAt = CompactInstant.Missing;
    internal long _removedAt = CompactInstant.Missing;
    internal long _repliedAt = CompactInstant.Missing;
    internal long _resolvedAt = CompactInstant.Missing;
    internal long _flaggedFakeAt = CompactInstant.Missing;
    internal Instant[]? _far;
    private int _stars = NoStars;

    internal ReviewFact(string seller, string review)
    {
        Seller = seller;
        Review = review;
    }

    public string Seller { get; }
    public string Review { get; }
    public string? Order { get; internal set; }

    public Instant? PostedAt
    {
        get => CompactInstant.Read(_postedAt, _far, PostedSlot);
        internal set => CompactInstant.Write(ref _postedAt, ref _far, PostedSlot, Slots, value);
    }

    /// <summary>Current stars: the latest of the posting and its updates.</summary>
    public int? Stars
    {
        get => _stars == NoStars ? null : _stars;
        internal set => _stars = value ?? NoStars;
    }

    public string? Text { get; internal set; }
    public Instant? RemovedAt => CompactInstant.Read(_removedAt, _far, RemovedSlot);
    public Instant? RepliedAt => CompactInstant.Read(_repliedAt, _far, RepliedSlot);
    public Instant? ResolvedAt => CompactInstant.Read(_resolvedAt, _far, ResolvedSlot);
    public Instant? FlaggedFakeAt => CompactInstant.Read(_flaggedFakeAt, _far, FlaggedFakeSlot);
    public bool IsRemoved => _removedAt != CompactInstant.Missing;
}
