using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>A metric as a policy defines it: what is counted, over which window, judged by which standard.</summary>
public sealed record MetricDefinition
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    /// <summary>The title by language code (<c>en</c> is <see cref="Title"/>); a policy may give it in the languages of its notices.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public required MetricKind Kind { get; init; }
    public required Subject Subject { get; init; }
    public required WindowSpec Window { get; init; }
    /// <summary>The instant field that places an item in the window (placement date, event date…).</summary>
    public required IFactField AttributeBy { get; init; }
    /// <summary>Which items are considered at all (the denominator of a rate).</summary>
    public Filter Population { get; init; } = Filter.Everything;
    /// <summary>Rate and count: which of the population count.</summary>
    public Filter? Numerator { get; init; }
    /// <summary>Share-within and mean-duration: the clock's start and stop fields.</summary>
    public IFactField? Start { get; init; }
    public IFactField? End { get; init; }
    public Limit? Limit { get; init; }
    /// <summary>Share-within: the value is the share of late items instead of on-time ones.</summary>
    public bool CountsLate { get; init; }
    /// <summary>
    /// Share-within: an instant field that excuses an item when it happened between the start and the
    /// deadline, before the item finished (a refund requested before the promised shipping time).
    /// </summary>
    public IFactField? Excuse { get; init; }
    /// <summary>
    /// Share-within: the excuse leaves out only an item not finished within its limit; one finished in time counts
    /// as on time (Kuaishou's "refund requested within the promised time and not shipped").
    /// </summary>
    public bool ExcuseOnlyUnfinished { get; init; }
    /// <summary>Consultations: the local time a consultation day starts (earlier messages make none); 08:00 unless the policy sets <c>consultation_hours</c>.</summary>
    public NodaTime.LocalTime ConsultationDayStart { get; init; } = ConsultationFact.DefaultDayStart;
    /// <summary>Ratio: the two sides, each on its own subject and attribution date.</summary>
    public RatioPart? RatioNumerator { get; init; }
    public RatioPart? RatioDenominator { get; init; }
    /// <summary>Score: the metrics it is made of.</summary>
    public IReadOnlyList<ScoreComponent> Components { get; init; } = [];
    /// <summary>Measure durations in working time of the policy's calendar.</summary>
    public bool BusinessClock { get; init; }
    public Standard? Standard { get; init; }
    /// <summary>Shown to users; e.g. "ratio", "hours", "orders".</summary>
    public string Unit { get; init; } = "ratio";

    /// <summary>The title in a language (a primary language code: <c>pl</c>, <c>zh</c>), else the English one.</summary>
    public string TitleIn(string language) => Titles.TryGetValue(language, out var title) ? title : Title;
}
