using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>Computes one metric over a seller's facts; compiled once per policy, run per seller.</summary>
public abstract class MetricCalculator
{
    protected MetricCalculator(MetricDefinition definition) => Definition = definition;

    public MetricDefinition Definition { get; }

    public abstract MetricResult Compute(SellerFacts facts, Instant asOf, BusinessCalendar calendar, bool explain);

    public static MetricCalculator For(MetricDefinition definition) => definition.Subject switch
    {
        Subject.Orders => new MetricCalculator<OrderFact>(definition, f => f.Orders, o => o.Order),
        Subject.Reviews => new MetricCalculator<ReviewFact>(definition, f => f.Reviews, r => r.Review),
        _ => new MetricCalculator<CaseFact>(definition, f => f.Cases, c => c.Case),
    };
}

internal sealed class MetricCalculator<T> : MetricCalculator
{
    private readonly Func<SellerFacts, IReadOnlyList<T>> _items;
    private readonly Func<T, string> _id;
    private readonly Func<T, Instant?> _attribution;
    private readonly Func<T, bool> _population;
    private readonly Func<T, bool> _numerator;
    private readonly Func<T, Instant?>? _start;
    private readonly Func<T, Instant?>? _end;

    public MetricCalculator(MetricDefinition d, Func<SellerFacts, IReadOnlyList<T>> items, Func<T, string> id) : base(d)
    {
        _items = items;
        _id = id;
        _attribution = ((FactField<T>)d.AttributeBy).Instant!;
        _population = CompiledFilter.Compile<T>(d.Population);
        _numerator = d.Numerator is { } n ? CompiledFilter.Compile<T>(n) : static _ => true;
        _start = (d.Start as FactField<T>)?.Instant;
        _end = (d.End as FactField<T>)?.Instant;
    }

    public override MetricResult Compute(SellerFacts facts, Instant asOf, BusinessCalendar calendar, bool explain)
    {
        var window = Definition.Window.Resolve(asOf, calendar);
        var tally = new Tally(explain, calendar.Zone);
        var items = _items(facts);
        var start = window.Start ?? Instant.MinValue;
        var end = window.End;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (_attribution(item) is not { } at || at < start || at >= end || !_population(item)) continue;
            switch (Definition.Kind)
            {
                case MetricKind.Rate or MetricKind.Count:
                    CountRate(item, ref tally);
                    break;
                case MetricKind.ShareWithin:
                    CountShareWithin(item, asOf, calendar, ref tally);
                    break;
                default:
                    CountDuration(item, calendar, ref tally);
                    break;
            }
        }
        return Finish(window, tally);
    }

    private void CountRate(T item, ref Tally tally)
    {
        tally.Denominator++;
        var counted = _numerator(item);
        if (counted) tally.Numerator++;
        if (!tally.Explain) return;
        var numerator = Definition.Numerator;
        var why = numerator is null ? "in the population"
            : counted ? CompiledFilter.Explain(numerator, item, tally.Zone)
            : "not counted: no " + numerator;
        tally.Add(_id(item), counted ? ItemRole.Numerator : ItemRole.Denominator, Attribution(item, tally) + "; " + why);
    }

    private void CountShareWithin(T item, Instant asOf, BusinessCalendar calendar, ref Tally tally)
    {
        if (_start!(item) is not { } started) return;
        var deadline = Definition.Limit!.DeadlineFrom(started, calendar);
        var finished = _end!(item);
        string why;
        ItemRole role;
        if (finished is { } f)
        {
            var onTime = f <= deadline;
            tally.Denominator++;
            if (onTime) tally.Numerator++;
            role = onTime ? ItemRole.Numerator : ItemRole.Denominator;
            why = $"{Definition.Start!.Name} {L(started, tally)}, deadline {L(deadline, tally)} ({Definition.Limit}), {Definition.End!.Name} {L(f, tally)}: {(onTime ? "on time" : "late")}";
        }
        else if (deadline < asOf)
        {
            tally.Denominator++;
            role = ItemRole.Denominator;
            why = $"{Definition.Start!.Name} {L(started, tally)}, deadline {L(deadline, tally)} ({Definition.Limit}) passed with no {Definition.End!.Name}: late";
        }
        else
        {
            tally.Pending++;
            role = ItemRole.Pending;
            why = $"{Definition.Start!.Name} {L(started, tally)}, deadline {L(deadline, tally)} not reached at as-of: pending";
        }
        if (tally.Explain) tally.Add(_id(item), role, why);
    }

    private void CountDuration(T item, BusinessCalendar calendar, ref Tally tally)
    {
        if (_start!(item) is not { } started) return;
        if (_end!(item) is not { } finished)
        {
            tally.Pending++;
            if (tally.Explain) tally.Add(_id(item), ItemRole.Pending, $"{Definition.Start!.Name} {L(started, tally)}, not finished: pending");
            return;
        }
        var took = Definition.BusinessClock ? calendar.BusinessDuration(started, finished) : finished - started;
        if (took < Duration.Zero) took = Duration.Zero;
        tally.Denominator++;
        tally.TotalHours += took.TotalHours;
        if (tally.Explain)
        {
            tally.Add(_id(item), ItemRole.Denominator,
                $"{Definition.Start!.Name} {L(started, tally)} → {Definition.End!.Name} {L(finished, tally)}: {took.TotalHours:0.##} h{(Definition.BusinessClock ? " of working time" : "")}");
        }
    }

    private string Attribution(T item, in Tally tally) => $"{Definition.AttributeBy.Name} {L(_attribution(item)!.Value, tally)}";

    private static string L(Instant at, in Tally tally) => LocalText.Show(at, tally.Zone);

    private MetricResult Finish(TimeWindow window, Tally tally)
    {
        double? value = Definition.Kind switch
        {
            MetricKind.Count => tally.Numerator,
            MetricKind.MeanDuration => tally.Denominator == 0 ? null : tally.TotalHours / tally.Denominator,
            _ => tally.Denominator == 0 ? null : (double)tally.Numerator / tally.Denominator,
        };
        var status = Definition.Standard?.Judge(value, tally.Denominator)
            ?? (value is null ? MetricStatus.InsufficientData : MetricStatus.Good);
        return new MetricResult
        {
            Definition = Definition,
            Value = value,
            Numerator = Definition.Kind == MetricKind.MeanDuration ? 0 : tally.Numerator,
            Denominator = tally.Denominator,
            Pending = tally.Pending,
            Status = status,
            Window = window,
            Items = tally.Items ?? (IReadOnlyList<MetricItem>)[],
        };
    }

    private struct Tally(bool explain, DateTimeZone zone)
    {
        public readonly bool Explain = explain;
        public readonly DateTimeZone Zone = zone;
        public long Numerator;
        public long Denominator;
        public long Pending;
        public double TotalHours;
        public List<MetricItem>? Items = explain ? [] : null;

        public readonly void Add(string id, ItemRole role, string reason) => Items!.Add(new MetricItem(id, role, reason));
    }
}
