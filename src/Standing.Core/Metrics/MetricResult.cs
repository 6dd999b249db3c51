namespace Standing.Core.Metrics;

/// <summary>How one item took part in a metric.</summary>
public enum ItemRole
{
    /// <summary>In the denominator and the numerator (defective, late, on time… as the metric says).</summary>
    Numerator,
    /// <summary>In the denominator only.</summary>
    Denominator,
    /// <summary>Outcome not known yet at as-of: left out.</summary>
    Pending,
    /// <summary>Excused by the standard (e.g. a refund requested before the deadline): left out.</summary>
    Excluded,
}

public sealed record MetricItem(string Id, ItemRole Role, string Reason)
{
    /// <summary>The instant that placed the item in the window (its attribution date); null for a score's components.</summary>
    public NodaTime.Instant? At { get; init; }

    /// <summary>The reason as data, for a page to write in its reader's language; null when items are only listed.</summary>
    public ItemReason? Why { get; init; }
}

/// <summary>One metric for one seller at one as-of instant.</summary>
public sealed record MetricResult
{
    public required MetricDefinition Definition { get; init; }
    public string Id => Definition.Id;
    /// <summary>Rate or share as a ratio (0.0123 = 1.23 %), mean in hours, count as a number; null when nothing to measure.</summary>
    public double? Value { get; init; }
    public long Numerator { get; init; }
    public long Denominator { get; init; }
    public long Pending { get; init; }
    public MetricStatus Status { get; init; }
    public TimeWindow Window { get; init; }
    /// <summary>The local date (policy's zone) of the window's first instant: the oldest behaviour the value judges; null for a lifetime window or a score.</summary>
    public NodaTime.LocalDate? WindowFirstDay { get; init; }
    /// <summary>A volume-adaptive window: which of its two windows was used and why; null for any other window.</summary>
    public WindowChoice? WindowChoice { get; init; }
    /// <summary>Peer standards: share of the sellers with enough data whose value is not worse than this one (1 = the worst).</summary>
    public double? Percentile { get; init; }
    /// <summary>Peer standards: one-sided binomial p-value of this seller's count against <see cref="PeerRate"/>.</summary>
    public double? PValue { get; init; }
    /// <summary>Peer standards: the catalog-wide rate (all sellers' numerators / all sellers' denominators).</summary>
    public double? PeerRate { get; init; }
    /// <summary>The statistical guard's reading (interval or posterior) when the standard has one; null otherwise.</summary>
    public GuardReading? Guard { get; init; }
    /// <summary>The guard changed the status the raw value had (a breach it did not confirm).</summary>
    public bool GuardChangedVerdict => Guard is { } g && g.RawStatus != Status;
    /// <summary>The items that counted, when explanation was asked for; empty otherwise.</summary>
    public IReadOnlyList<MetricItem> Items { get; init; } = [];
}
