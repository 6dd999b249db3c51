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

    // The id, the order and the text: each a string or, decoded from a snapshot, its bytes and the
    // text's offset in them, made a string on first use (see OrderFact).
    private object? _review, _order, _text;
    private int _reviewAt, _orderAt, _textAt;

    internal ReviewFact(string seller, string review)
    {
        Seller = seller;
        _review = review;
    }

    /// <summary>A review whose id is the text at <paramref name="reviewAt"/> in <paramref name="snapshot"/> (see <see cref="SnapshotReader.SkipString"/>).</summary>
    internal ReviewFact(string seller, byte[] snapshot, int reviewAt)
    {
        Seller = seller;
        _review = snapshot;
        _reviewAt = reviewAt;
    }

    public string Seller { get; }
    public string Review => SnapshotReader.Text(ref _review, _reviewAt)!;

    public string? Order
    {
        get => SnapshotReader.Text(ref _order, _orderAt);
        internal set => _order = value;
    }

    /// <summary>The order is the text at <paramref name="at"/> in <paramref name="snapshot"/>.</summary>
    internal void OrderAt(byte[] snapshot, int at) => (_order, _orderAt) = (snapshot, at);

    /// <summary>The text is the text at <paramref name="at"/> in <paramref name="snapshot"/>.</summary>
    internal void TextAt(byte[] snapshot, int at) => (_text, _textAt) = (snapshot, at);

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

    public string? Text
    {
        get => SnapshotReader.Text(ref _text, _textAt);
        internal set => _text = value;
    }
    public Instant? RemovedAt => CompactInstant.Read(_removedAt, _far, RemovedSlot);
    public Instant? RepliedAt => CompactInstant.Read(_repliedAt, _far, RepliedSlot);
    public Instant? ResolvedAt => CompactInstant.Read(_resolvedAt, _far, ResolvedSlot);
    public Instant? FlaggedFakeAt => CompactInstant.Read(_flaggedFakeAt, _far, FlaggedFakeSlot);
    public bool IsRemoved => _removedAt != CompactInstant.Missing;
}
