using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>How much a metric result says about its items.</summary>
public enum ItemDetail
{
    /// <summary>Only the numbers.</summary>
    None,
    /// <summary>Each item with its role and attribution instant, without a reason in words (a forecast's counting).</summary>
    Listed,
    /// <summary>Each item with its role, attribution instant and reason (explain).</summary>
    Explained,
}

/// <summary>Computes one metric over a seller's facts; compiled once per policy, run per seller.</summary>
public abstract class MetricCalculator
{
    protected MetricCalculator(MetricDefinition definition) => Definition = definition;

    public MetricDefinition Definition { get; }

    public MetricResult Compute(SellerFacts facts, Instant asOf, BusinessCalendar calendar, bool explain) =>
        Compute(facts, asOf, asOf, calendar, explain ? ItemDetail.Explained : ItemDetail.None);

    /// <summary>
    /// The metric over the window at <paramref name="windowAt"/>, with the outcomes of items judged as
    /// known at <paramref name="knownAt"/>: an item pending then stays pending (a forecast's "nothing new
    /// goes wrong"). Both are the as-of instant in an evaluation.
    /// </summary>
    public abstract MetricResult Compute(SellerFacts facts, Instant windowAt, Instant knownAt, BusinessCalendar calendar, ItemDetail detail);

    /// <summary>
    /// The same metric over another window (a forecast's span or day): shares this one's compiled filters,
    /// so nothing is compiled again.
    /// </summary>
    public abstract MetricCalculator Over(WindowSpec window);

    public static MetricCalculator For(MetricDefinition definition) => definition.Kind switch
    {
        MetricKind.Ratio => new RatioCalculator(definition),
        MetricKind.Score => throw new ArgumentException("a score is computed from other metrics' results (ScoreCalculator)", nameof(definition)),
        _ => ForSubject(definition),
    };

    private static MetricCalculator ForSubject(MetricDefinition definition) => definition.Subject switch
    {
        Subject.Orders => new MetricCalculator<OrderFact>(definition, (f, _) => f.OrderArray, o => o.Order),
        Subject.Reviews => new MetricCalculator<ReviewFact>(definition, (f, _) => f.ReviewArray, r => r.Review),
        Subject.Cases => new MetricCalculator<CaseFact>(definition, (f, _) => f.CaseArray, c => c.Case),
        Subject.Complaints => new MetricCalculator<ComplaintFact>(definition, (f, _) => f.ComplaintArray, c => c.Complaint),
        Subject.Refunds => new MetricCalculator<RefundFact>(definition, (f, _) => f.RefundArray, r => r.Refund),
        Subject.Conversations => new MetricCalculator<ConversationFact>(definition, (f, _) => f.ConversationArray, c => c.Conversation),
        Subject.Messages => new MetricCalculator<MessageFact>(definition, (f, _) => f.MessageArray, m => m.Message),
        // Consultations are per local day: derived in the policy's zone.
        Subject.Consultations => new MetricCalculator<ConsultationFact>(definition,
            (f, zone) => f.ConsultationArray(zone, definition.ConsultationDayStart, definition.Limit?.Fixed ?? Consultations.ReplyLimit), c => c.Id),
        Subject.AgentMessages => new MetricCalculator<AgentMessageFact>(definition, (f, _) => f.AgentMessageArray, m => m.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition.Subject, "no facts of this subject"),
    };
}

internal sealed class MetricCalculator<T> : MetricCalculator
{
    private readonly Func<SellerFacts, DateTimeZone, T[]> _items;
    private readonly Func<T, string> _id;
    private readonly Func<T, Instant?> _attribution;
    private readonly Func<T, long>? _attributionRaw;
    private readonly AttributionOrder<T>? _order;
    private readonly Func<T, bool>? _population; // null: every item
    private readonly Func<T, bool> _numerator;
    private readonly bool _everyItemCounts;
    private readonly Func<T, Instant?>? _start;
    private readonly Func<T, Instant?>? _end;
    private readonly Func<T, Instant?>? _excuse;
    private ResolvedWindow? _lastWindow;
    private ResolvedWindow? _lastExtended;

    public MetricCalculator(MetricDefinition d, Func<SellerFacts, DateTimeZone, T[]> items, Func<T, string> id) : base(d)
    {
        _items = items;
        _id = id;
        var attribution = (FactField<T>)d.AttributeBy;
        _attribution = attribution.Instant!;
        _attributionRaw = attribution.RawInstant;
        _order = _attributionRaw is null ? null : new AttributionOrder<T>(_attributionRaw);
        _population = CompiledFilter.IsEverything(d.Population) ? null : CompiledFilter.Compile<T>(d.Population);
        _everyItemCounts = d.Numerator is null;
        _numerator = d.Numerator is { } n ? CompiledFilter.Compile<T>(n) : static _ => true;
        _start = (d.Start as FactField<T>)?.Instant;
        _end = (d.End as FactField<T>)?.Instant;
        _excuse = (d.Excuse as FactField<T>)?.Instant;
    }

    private MetricCalculator(MetricCalculator<T> compiled, MetricDefinition d) : base(d)
    {
        _items = compiled._items;
        _id = compiled._id;
        _attribution = compiled._attribution;
        _attributionRaw = compiled._attributionRaw;
        _order = compiled._order;
        _population = compiled._population;
        _everyItemCounts = compiled._everyItemCounts;
        _numerator = compiled._numerator;
        _start = compiled._start;
        _end = compiled._end;
        _excuse = compiled._excuse;
    }

    public override MetricCalculator Over(WindowSpec window) => new MetricCalculator<T>(this, Definition with { Window = window });

    public override MetricResult Compute(SellerFacts facts, Instant windowAt, Instant knownAt, BusinessCalendar calendar, ItemDetail detail)
    {
        if (Definition.Window is not AdaptiveWindow adaptive)
        {
            return Finish(Count(facts, Resolve(windowAt, calendar, Definition.Window, ref _lastWindow), knownAt, calendar, detail), calendar);
        }
        // Volume-adaptive: the base window, or the extended one when the base holds too few items.
        var based = Count(facts, Resolve(windowAt, calendar, adaptive.Base, ref _lastWindow), knownAt, calendar, detail);
        if (based.Tally.Denominator >= adaptive.WhenFewerThan)
        {
            return Finish(based, calendar) with { WindowChoice = new WindowChoice(adaptive.Base, based.Tally.Denominator, Extended: false) };
        }
        var extended = Count(facts, Resolve(windowAt, calendar, adaptive.Extended, ref _lastExtended), knownAt, calendar, detail);
        return Finish(extended, calendar) with { WindowChoice = new WindowChoice(adaptive.Extended, based.Tally.Denominator, Extended: true) };
    }

    private (TimeWindow Window, Tally Tally) Count(SellerFacts facts, ResolvedWindow resolved, Instant knownAt, BusinessCalendar calendar, ItemDetail detail)
    {
        var explain = detail != ItemDetail.None;
        var window = resolved.Window;
        var tally = new Tally(detail, calendar.Zone);
        var items = _items(facts, calendar.Zone);
        switch (Definition.Kind)
        {
            case MetricKind.Rate or MetricKind.Count when !explain && _attributionRaw is not null:
                CountRates(items, resolved, ref tally);
                break;
            case MetricKind.Rate or MetricKind.Count:
                foreach (var item in items)
                {
                    if (Considered(item, window)) CountRate(item, ref tally);
                }
                break;
            case MetricKind.ShareWithin:
                foreach (var item in items)
                {
                    if (Considered(item, window)) CountShareWithin(item, knownAt, calendar, ref tally);
                }
                break;
            default:
                foreach (var item in items)
                {
                    if (Considered(item, window)) CountDuration(item, calendar, ref tally);
                }
                break;
        }
        // Items are listed by id whatever order the facts are held in.
        tally.Items?.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return (window, tally);
    }

    /// <summary>In the window by its attribution date, and in the population.</summary>
    private bool Considered(T item, TimeWindow window) =>
        InWindow(item, window) && (_population is null || _population(item));

    /// <summary>The hot loop of rate and count metrics: attribution compared as compact instants, no explanation.</summary>
    private void CountRates(T[] items, ResolvedWindow resolved, ref Tally tally)
    {
        var (window, start, end) = (resolved.Window, resolved.Start, resolved.End);
        var attribution = _attributionRaw!;
        var population = _population;
        var numerator = _numerator;
        var everyItemCounts = _everyItemCounts;
        long counted = 0, considered = 0;
        if (_order!.TryRange(items, start, end, out var range))
        {
            // In attribution order: the window is one range, every item in it is in the window.
            foreach (var item in items.AsSpan(range))
            {
                if (population is not null && !population(item)) continue;
                considered++;
                if (everyItemCounts || numerator(item)) counted++;
            }
            tally.Denominator += considered;
            tally.Numerator += counted;
            return;
        }
        foreach (var item in items)
        {
            var at = attribution(item);
            // Missing and Far are below every bound: one range test, and far instants take the exact path.
            if ((at < start || at >= end) && (at != CompactInstant.Far || !InWindow(item, window))) continue;
            if (population is not null && !population(item)) continue;
            considered++;
            if (everyItemCounts || numerator(item)) counted++;
        }
        tally.Denominator += considered;
        tally.Numerator += counted;
    }

    /// <summary>The window at <paramref name="asOf"/>; one evaluation asks for the same one for every seller, so the last is kept.</summary>
    private static ResolvedWindow Resolve(Instant asOf, BusinessCalendar calendar, WindowSpec spec, ref ResolvedWindow? cache)
    {
        var last = cache; // read once: other threads may replace it (each replacement is a whole, consistent record)
        if (last is not null && last.AsOf == asOf && ReferenceEquals(last.Calendar, calendar)) return last;
        var window = spec.Resolve(asOf, calendar);
        return cache = new ResolvedWindow(asOf, calendar, window, CompactInstant.Bound(window.Start), CompactInstant.Bound(window.End));
    }

    /// <summary>A window at one as-of, with its bounds in compact form (see <see cref="CompactInstant.Bound"/>).</summary>
    private sealed record ResolvedWindow(Instant AsOf, BusinessCalendar Calendar, TimeWindow Window, long Start, long End);

    /// <summary>Whether the item's attribution instant is in the window (the exact way, through <c>Instant?</c>).</summary>
    private bool InWindow(T item, TimeWindow window) => _attribution(item) is { } at && window.Contains(at);

    private void CountRate(T item, ref Tally tally)
    {
        tally.Denominator++;
        var counted = _numerator(item);
        if (counted) tally.Numerator++;
        if (!tally.Explain) return;
        if (!tally.Reasons)
        {
            tally.Add(_id(item), counted ? ItemRole.Numerator : ItemRole.Denominator, "", _attribution(item));
            return;
        }
        var numerator = Definition.Numerator;
        var why = numerator is null ? "in the population"
            : counted ? CompiledFilter.Explain(numerator, item, tally.Zone)
            : "not counted: no " + numerator;
        var reason = new ItemReason(numerator is null ? ItemReasonKind.InPopulation : counted ? ItemReasonKind.Counted : ItemReasonKind.NotCounted)
        {
            Placed = new ReasonStamp(Definition.AttributeBy.Name, _attribution(item)!.Value),
            Tests = counted && numerator is not null ? CompiledFilter.Tests(numerator, item) : [],
        };
        tally.Add(_id(item), counted ? ItemRole.Numerator : ItemRole.Denominator, Attribution(item, tally) + "; " + why, _attribution(item), reason);
    }

    private void CountShareWithin(T item, Instant asOf, BusinessCalendar calendar, ref Tally tally)
    {
        if (_start!(item) is not { } started) return;
        var limit = Definition.Limit!;
        var deadline = Deadline(item, started, calendar);
        if (limit.Field is not null && deadline is null) return; // no deadline of its own: nothing to measure
        var finished = _end!(item);
        var late = Definition.CountsLate;
        // The reasons are text for people: written only when items are explained.
        var reasons = tally.Reasons;
        var limitText = reasons ? LimitText(deadline, limit, tally) : "";
        var why = "";
        ItemReason? reason = null;
        ItemRole role;
        if (_excuse?.Invoke(item) is { } excused && excused >= started && Within(item, started, excused, deadline, calendar)
            && (finished is not { } done || (excused < done && !(Definition.ExcuseOnlyUnfinished && Within(item, started, done, deadline, calendar)))))
        {
            tally.Excluded++;
            role = ItemRole.Excluded;
            if (reasons)
            {
                why = $"{Definition.Start!.Name} {L(started, tally)}, {limitText}, {Definition.Excuse!.Name} {L(excused, tally)} first: excused";
                reason = Clock(ItemReasonKind.Excused, started, deadline) with { Excuse = new ReasonStamp(Definition.Excuse.Name, excused) };
            }
        }
        else if (finished is { } f)
        {
            var onTime = Within(item, started, f, deadline, calendar);
            tally.Denominator++;
            var counted = onTime != late;
            if (counted) tally.Numerator++;
            role = counted ? ItemRole.Numerator : ItemRole.Denominator;
            if (reasons)
            {
                why = $"{Definition.Start!.Name} {L(started, tally)}, {limitText}, {Definition.End!.Name} {L(f, tally)}{Worked(started, f, calendar)}: {(onTime ? "on time" : "late")}";
                var worked = WorkedHours(started, f, calendar);
                reason = Clock(onTime ? ItemReasonKind.OnTime : ItemReasonKind.Late, started, deadline) with
                {
                    End = new ReasonStamp(Definition.End.Name, f),
                    Hours = worked,
                    WorkingTime = worked is not null,
                };
            }
        }
        else if (!Within(item, started, asOf, deadline, calendar))
        {
            tally.Denominator++;
            if (late) tally.Numerator++;
            role = late ? ItemRole.Numerator : ItemRole.Denominator;
            if (reasons)
            {
                why = $"{Definition.Start!.Name} {L(started, tally)}, {limitText} passed with no {Definition.End!.Name}: late";
                reason = Clock(ItemReasonKind.Overdue, started, deadline) with { End = new ReasonStamp(Definition.End.Name, null) };
            }
        }
        else
        {
            tally.Pending++;
            role = ItemRole.Pending;
            if (reasons)
            {
                why = $"{Definition.Start!.Name} {L(started, tally)}, {limitText} not reached at as-of: pending";
                reason = Clock(ItemReasonKind.Waiting, started, deadline);
            }
        }
        if (tally.Explain) tally.Add(_id(item), role, why, _attribution(item), reason);
    }

    /// <summary>A share-within reason's start and deadline (or limit of working time); the caller adds the rest.</summary>
    private ItemReason Clock(ItemReasonKind kind, Instant started, Instant? deadline) => new(kind)
    {
        Start = new ReasonStamp(Definition.Start!.Name, started),
        Deadline = deadline,
        Limit = Definition.Limit,
    };

    private double? WorkedHours(Instant started, Instant finished, BusinessCalendar calendar) =>
        Definition.BusinessClock && Definition.Limit!.Fixed is not null ? calendar.BusinessDuration(started, finished).TotalHours : null;

    private static string LimitText(Instant? deadline, Limit limit, in Tally tally) =>
        deadline is { } d ? $"deadline {L(d, tally)} ({limit})" : $"limit {limit} of working time";

    /// <summary>
    /// The deadline as an instant. A fixed limit on the business clock runs out when that much working
    /// time has passed (8 working hours from Monday 08:00 on 09:00–17:00: Monday 17:00; shipping at 19:00
    /// is late); null only when the calendar never gives that much working time.
    /// </summary>
    private Instant? Deadline(T item, Instant started, BusinessCalendar calendar)
    {
        var limit = Definition.Limit!;
        if (limit.Field is FactField<T> field) return field.Instant!(item);
        if (limit.Fixed is { } fixedLimit && Definition.BusinessClock) return calendar.AddBusinessDuration(started, fixedLimit);
        return limit.DeadlineFrom(started, calendar);
    }

    /// <summary>Whether <paramref name="at"/> is within the limit counted from <paramref name="started"/> (on the deadline counts).</summary>
    private bool Within(T item, Instant started, Instant at, Instant? deadline, BusinessCalendar calendar) =>
        deadline is { } d ? at <= d : calendar.BusinessDuration(started, at) <= Definition.Limit!.Fixed!.Value;

    private string Worked(Instant started, Instant finished, BusinessCalendar calendar) =>
        Definition.BusinessClock && Definition.Limit!.Fixed is not null
            ? $" ({calendar.BusinessDuration(started, finished).TotalHours:0.##} h of working time)"
            : "";

    private void CountDuration(T item, BusinessCalendar calendar, ref Tally tally)
    {
        if (_start!(item) is not { } started) return;
        if (_end!(item) is not { } finished)
        {
            tally.Pending++;
            if (tally.Explain)
            {
                tally.Add(_id(item), ItemRole.Pending, tally.Reasons ? $"{Definition.Start!.Name} {L(started, tally)}, not finished: pending" : "", _attribution(item),
                    tally.Reasons ? new ItemReason(ItemReasonKind.Unfinished) { Start = new ReasonStamp(Definition.Start!.Name, started) } : null);
            }
            return;
        }
        var took = Definition.BusinessClock ? calendar.BusinessDuration(started, finished) : finished - started;
        if (took < Duration.Zero) took = Duration.Zero;
        tally.Denominator++;
        tally.TotalHours += took.TotalHours;
        if (tally.Explain)
        {
            tally.Add(_id(item), ItemRole.Denominator, !tally.Reasons ? "" :
                $"{Definition.Start!.Name} {L(started, tally)} → {Definition.End!.Name} {L(finished, tally)}: {took.TotalHours:0.##} h{(Definition.BusinessClock ? " of working time" : "")}",
                _attribution(item),
                !tally.Reasons ? null : new ItemReason(ItemReasonKind.Took)
                {
                    Start = new ReasonStamp(Definition.Start!.Name, started),
                    End = new ReasonStamp(Definition.End!.Name, finished),
                    Hours = took.TotalHours,
                    WorkingTime = Definition.BusinessClock,
                });
        }
    }

    private string Attribution(T item, in Tally tally) => $"{Definition.AttributeBy.Name} {L(_attribution(item)!.Value, tally)}";

    private static string L(Instant at, in Tally tally) => LocalText.Show(at, tally.Zone);

    private MetricResult Finish((TimeWindow Window, Tally Tally) counted, BusinessCalendar calendar)
    {
        var (window, tally) = counted;
        double? value = Definition.Kind switch
        {
            MetricKind.Count => tally.Numerator,
            MetricKind.MeanDuration => tally.Denominator == 0 ? null : tally.TotalHours / tally.Denominator,
            _ => tally.Denominator == 0 ? null : (double)tally.Numerator / tally.Denominator,
        };
        var status = Definition.Standard?.Judge(value, tally.Denominator, tally.Numerator)
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
            WindowFirstDay = window.Start?.InZone(calendar.Zone).Date,
            Items = tally.Items ?? (IReadOnlyList<MetricItem>)[],
        };
    }

    private struct Tally(ItemDetail detail, DateTimeZone zone)
    {
        /// <summary>Items are listed (with their role and attribution instant).</summary>
        public readonly bool Explain = detail != ItemDetail.None;
        /// <summary>Each listed item has its reason in words.</summary>
        public readonly bool Reasons = detail == ItemDetail.Explained;
        public readonly DateTimeZone Zone = zone;
        public long Numerator;
        public long Denominator;
        public long Pending;
        public long Excluded;
        public double TotalHours;
        public List<MetricItem>? Items = detail != ItemDetail.None ? [] : null;

        public readonly void Add(string id, ItemRole role, string reason, Instant? at, ItemReason? why = null) =>
            Items!.Add(new MetricItem(id, role, reason) { At = at, Why = why });
    }
}
