using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>
/// One side of a <see cref="MetricKind.Ratio"/>: the items of <see cref="Subject"/> that meet
/// <see cref="Where"/> and whose <see cref="AttributeBy"/> instant falls in the metric's window.
/// </summary>
public sealed record RatioPart(Subject Subject, IFactField AttributeBy, Filter Where)
{
    public override string ToString() =>
        $"{Subject.ToString().ToLowerInvariant()} by {AttributeBy.Name}" + (Where == Filter.Everything ? "" : $" where {Where}");
}
