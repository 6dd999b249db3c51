using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>
/// A ratio of two counts over the same window, each on its own subject and attribution date
/// (complaints by filing date / orders by delivery date). Each side is a count metric of its own.
/// </summary>
internal sealed class RatioCalculator : MetricCalculator
{
    private readonly MetricCalculator _numerator;
    private readonly MetricCalculator _denominator;

    public RatioCalculator(MetricDefinition d) : base(d)
    {
        _numerator = For(Side(d, d.RatioNumerator!, "numerator"));
        _denominator = For(Side(d, d.RatioDenominator!, "denominator"));
    }

    private RatioCalculator(MetricDefinition d, MetricCalculator numerator, MetricCalculator denominator) : base(d)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    public override MetricCalculator Over(WindowSpec window) =>
        new RatioCalculator(Definition with { Window = window }, _numerator.Over(window), _denominator.Over(window));

    private static MetricDefinition Side(MetricDefinition d, RatioPart part, string side) => new()
    {
        Id = $"{d.Id}.{side}",
        Kind = MetricKind.Count,
        Subject = part.Subject,
        Window = d.Window,
        AttributeBy = part.AttributeBy,
        Population = part.Where,
    };

    public override MetricResult Compute(SellerFacts facts, Instant windowAt, Instant knownAt, BusinessCalendar calendar, ItemDetail detail)
    {
        var top = _numerator.Compute(facts, windowAt, knownAt, calendar, detail);
        var bottom = _denominator.Compute(facts, windowAt, knownAt, calendar, detail);
        var numerator = top.Numerator;
        var denominator = bottom.Numerator;
        double? value = denominator == 0 ? null : (double)numerator / denominator;
        var status = Definition.Standard?.Judge(value, denominator, numerator)
            ?? (value is null ? MetricStatus.InsufficientData : MetricStatus.Good);
        var items = new List<MetricItem>();
        if (detail == ItemDetail.Listed)
        {
            items.AddRange(top.Items.Select(i => i with { Role = ItemRole.Numerator }));
            items.AddRange(bottom.Items.Select(i => i with { Role = ItemRole.Denominator }));
        }
        else if (detail == ItemDetail.Explained)
        {
            var what = Definition.RatioNumerator!.Subject.ToString().ToLowerInvariant();
            var of = Definition.RatioDenominator!.Subject.ToString().ToLowerInvariant();
            items.AddRange(top.Items.Select(i => i with
            {
                Role = ItemRole.Numerator, Reason = $"numerator ({what}): {i.Reason}",
                Why = i.Why is { } w ? w with { NumeratorSide = true, SideSubject = Definition.RatioNumerator.Subject } : null,
            }));
            items.AddRange(bottom.Items.Select(i => i with
            {
                Role = ItemRole.Denominator, Reason = $"denominator ({of}): {i.Reason}",
                Why = i.Why is { } w ? w with { NumeratorSide = false, SideSubject = Definition.RatioDenominator.Subject } : null,
            }));
        }
        return new MetricResult
        {
            Definition = Definition,
            Value = value,
            Numerator = numerator,
            Denominator = denominator,
            Status = status,
            Window = top.Window,
            WindowFirstDay = top.WindowFirstDay,
            Items = items,
        };
    }
}
