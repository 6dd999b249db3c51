using NodaTime;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>What an item's reason says, as a kind of sentence the pages write in the seller's language.</summary>
public enum ItemReasonKind
{
    /// <summary>A rate or count: the numerator's tests that held.</summary>
    Counted,
    /// <summary>A rate with no numerator: every item of the population counts.</summary>
    InPopulation,
    /// <summary>A rate: in the denominator, the numerator's tests did not hold.</summary>
    NotCounted,
    /// <summary>Share-within: the excuse came first (left out).</summary>
    Excused,
    OnTime,
    /// <summary>Share-within: finished after the deadline.</summary>
    Late,
    /// <summary>Share-within: the deadline passed and it is not finished.</summary>
    Overdue,
    /// <summary>Share-within: not finished, the deadline still ahead (pending).</summary>
    Waiting,
    /// <summary>Mean duration: not finished (pending).</summary>
    Unfinished,
    /// <summary>Mean duration: how long it took.</summary>
    Took,
    /// <summary>A score's component: its value and the points it earned.</summary>
    Points,
    /// <summary>A score's component without data (left out).</summary>
    NoData,
}

/// <summary>A fact field and the instant it holds (placed_at 2026-03-02 10:00); null when the item has none yet (an overdue item's stop).</summary>
public sealed record ReasonStamp(string Field, Instant? At);

/// <summary>An item's value of a field, as its type holds it (all null: unset).</summary>
public sealed record ReasonValue(bool? Bool = null, double? Number = null, Instant? At = null, string? Text = null);

/// <summary>A test of the numerator that held, with the item's values; a pattern test with the text it matched.</summary>
public sealed record ReasonTest(Condition Condition, ReasonValue Value, ReasonValue? Other = null, string? Pattern = null, string? Matched = null);

/// <summary>
/// Why an item took part in a metric, as data: the pages render it in the seller's language, while
/// <see cref="MetricItem.Reason"/> keeps the English sentence the CLI and the JSON documents show. Written
/// only when items are explained, beside that sentence.
/// </summary>
public sealed record ItemReason(ItemReasonKind Kind)
{
    /// <summary>The field and instant that placed the item in the window (rates and counts).</summary>
    public ReasonStamp? Placed { get; init; }
    public IReadOnlyList<ReasonTest> Tests { get; init; } = [];
    /// <summary>Share-within and mean duration: the clock's start and, when finished, its stop; the excuse when it came first.</summary>
    public ReasonStamp? Start { get; init; }
    public ReasonStamp? End { get; init; }
    public ReasonStamp? Excuse { get; init; }
    /// <summary>Share-within: the item's deadline, or null for a limit in working time (see <see cref="Limit"/>).</summary>
    public Instant? Deadline { get; init; }
    public Limit? Limit { get; init; }
    /// <summary>Hours it took (mean duration) or worked time it took (share-within on the business clock).</summary>
    public double? Hours { get; init; }
    public bool WorkingTime { get; init; }
    /// <summary>A ratio: which side the item is on (true: numerator) and that side's subject.</summary>
    public bool? NumeratorSide { get; init; }
    public Subject? SideSubject { get; init; }
    /// <summary>A score's component: its value, the points earned, where it earns 100 and 0, its weight; or its status and item count without data.</summary>
    public double? Value { get; init; }
    public double? Earned { get; init; }
    public double? Best { get; init; }
    public double? Worst { get; init; }
    public double? Weight { get; init; }
    public MetricStatus? ComponentStatus { get; init; }
    public long? ComponentItems { get; init; }
}
