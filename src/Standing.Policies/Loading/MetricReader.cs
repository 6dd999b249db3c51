using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>Reads the <c>metrics</c> list: kind, subject, window, filters, clock and standard of each.</summary>
internal sealed partial class MetricReader(YamlCursor cursor)
{
    private static readonly string[] Keys =
    [
        "id", "title", "kind", "subject", "window", "attribute_by", "population", "numerator", "denominator", "start", "end", "limit",
        "business_clock", "counts", "excuse", "excuse_only_unfinished", "components", "standard", "unit", "consultation_hours",
    ];

    /// <summary>The longest window and lag a policy may give, in days (about 100 years).</summary>
    internal const int MaxWindowDays = 36_500;

    private const string MaxDaysNote = " days (about 100 years)";

    private static readonly Dictionary<string, MetricKind> Kinds = new(StringComparer.Ordinal)
    {
        ["rate"] = MetricKind.Rate,
        ["count"] = MetricKind.Count,
        ["share_within"] = MetricKind.ShareWithin,
        ["mean_duration"] = MetricKind.MeanDuration,
        ["ratio"] = MetricKind.Ratio,
        ["score"] = MetricKind.Score,
    };

    /// <summary>Every subject the facts offer, by its lower-case name (orders, reviews, cases…).</summary>
    private static readonly Dictionary<string, Subject> Subjects =
        System.Enum.GetValues<Subject>().ToDictionary(FactFields.SubjectName, v => v, StringComparer.Ordinal);

    public List<MetricDefinition> ReadAll(YamlNode? node)
    {
        var result = new List<MetricDefinition>();
        if (node is null)
        {
            return result;
        }
        var seq = cursor.Sequence(node, "metrics");
        if (seq is null) return result;
        var componentNodes = new List<(MetricDefinition Score, YamlMappingNode Map)>();
        foreach (var item in seq)
        {
            if (cursor.Mapping(item, "a metric") is not { } map) continue;
            // An id counts as defined even when the rest of its metric has mistakes: rules naming it
            // are not told it is missing (the metric's own errors are reported where they are).
            var declared = YamlCursor.Get(map, "id") is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
            if (declared is not null && Declared.Contains(declared)) cursor.Error(map, $"metric id \"{declared}\" is defined twice");
            else if (declared is not null) Declared.Add(declared);
            var before = cursor.ErrorCount;
            var metric = Read(map);
            if (metric is null && cursor.ErrorCount == before)
                cursor.Error(map, $"metric \"{declared}\" is incomplete"); // every path above reports why; this is a safety net
            if (metric is null) continue;
            if (metric.Kind == MetricKind.Score) componentNodes.Add((metric, map));
            result.Add(metric);
        }
        foreach (var (score, map) in componentNodes) CheckComponents(score, map, result);
        return result;
    }

    /// <summary>Every metric id the policy writes, valid metric or not, once each, in order.</summary>
    public List<string> Declared { get; } = [];

    /// <summary>"; defined: a, b" for a message about a metric id that is not defined.</summary>
    internal static string DefinedList(IEnumerable<string> ids)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? "" : "; defined: " + string.Join(", ", distinct);
    }

    /// <summary>A score's components must name metrics of the policy that are not scores themselves.</summary>
    private void CheckComponents(MetricDefinition score, YamlMappingNode map, List<MetricDefinition> metrics)
    {
        var nodes = (YamlCursor.Get(map, "components") as YamlSequenceNode)?.Children ?? [];
        for (var i = 0; i < score.Components.Count && i < nodes.Count; i++)
        {
            var name = score.Components[i].Metric;
            var node = nodes[i] is YamlMappingNode m ? YamlCursor.Get(m, "metric") ?? nodes[i] : nodes[i];
            var target = metrics.FirstOrDefault(x => x.Id == name);
            if (target is null && !Declared.Contains(name))
                cursor.Error(node, $"score \"{score.Id}\" names metric \"{name}\", which the policy does not define{DefinedList(Declared)}");
            else if (target?.Kind == MetricKind.Score)
                cursor.Error(node, $"score \"{score.Id}\" cannot be made of another score (\"{name}\")");
        }
    }

    private MetricDefinition? Read(YamlMappingNode map)
    {
        cursor.OnlyKeys(map, "a metric", Keys);
        var id = cursor.Text(map, "id", true, "a metric");
        var what = id is null ? "a metric" : $"metric \"{id}\"";
        if (id is not null && !PolicyLoader.IsIdentifier(id)) cursor.Error(YamlCursor.Get(map, "id")!, "metric id must be lower-case letters, digits, '_' or '-'");
        var kind = Enum(map, "kind", what, Kinds);
        return kind switch
        {
            MetricKind.Ratio => ReadRatio(map, id, what),
            MetricKind.Score => ReadScore(map, id, what),
            { } k => ReadMeasured(map, id, what, k),
            null => null,
        };
    }

    private MetricDefinition? ReadMeasured(YamlMappingNode map, string? id, string what, MetricKind k)
    {
        NotFor(map, what, k, "denominator", "components");
        var subject = Enum(map, "subject", what, Subjects);
        var window = ReadMetricWindow(map, what);
        if (subject is not { } s) return null;

        var fields = new FieldResolver(cursor, s);
        var attributeBy = fields.Instant(map, "attribute_by", what, required: true);
        var population = fields.ReadFilter(YamlCursor.Get(map, "population"), $"the population of {what}") ?? Filter.Everything;
        var numerator = fields.ReadFilter(YamlCursor.Get(map, "numerator"), $"the numerator of {what}");
        IFactField? start = null, end = null, excuse = null;
        Limit? limit = null;
        var countsLate = false;
        var excuseOnlyUnfinished = false;
        if (k is MetricKind.Rate or MetricKind.Count)
        {
            NotFor(map, what, k, "start", "end", "limit", "counts", "excuse", "excuse_only_unfinished", "business_clock");
            if (YamlCursor.Get(map, "numerator") is null) cursor.Error(map, $"{what} is a {KindName(k)}: it needs \"numerator\"");
        }
        else
        {
            if (YamlCursor.Get(map, "numerator") is { } numeratorNode)
                cursor.Error(numeratorNode, $"\"numerator\" does not apply to {what}, which is a {KindName(k)}: to choose which items are measured, use \"population\"");
            start = fields.Instant(map, "start", what, required: true);
            end = fields.Instant(map, "end", what, required: true);
            if (k == MetricKind.ShareWithin)
            {
                limit = ReadLimit(YamlCursor.Get(map, "limit"), what, fields);
                if (YamlCursor.Get(map, "limit") is null) cursor.Error(map, $"{what} is a share_within: it needs \"limit\"");
                countsLate = ReadCounts(map, what);
                excuse = fields.Instant(map, "excuse", what, required: false);
                excuseOnlyUnfinished = cursor.Bool(map, "excuse_only_unfinished", what) ?? false;
                if (excuseOnlyUnfinished && YamlCursor.Get(map, "excuse") is null)
                    cursor.Error(YamlCursor.Get(map, "excuse_only_unfinished")!, $"\"excuse_only_unfinished\" of {what} needs an \"excuse\" field to narrow");
            }
            else
            {
                NotFor(map, what, k, "limit", "counts", "excuse", "excuse_only_unfinished");
            }
        }
        var dayStart = ReadConsultationHours(map, what, s);
        var standard = new StandardReader(cursor).Read(YamlCursor.Get(map, "standard"), what);
        if (standard?.Peer is not null && k is MetricKind.MeanDuration or MetricKind.Count)
            cursor.Error(YamlCursor.Get(map, "standard")!, $"a peer comparison needs a rate (rate, ratio or share_within); {what} is a {KindName(k)}");
        if (standard?.Guard is not null && k is MetricKind.MeanDuration or MetricKind.Count)
            cursor.Error(YamlCursor.Get(YamlCursor.Get(map, "standard") as YamlMappingNode ?? map, "guard") ?? map, $"a guard needs a rate (rate, ratio or share_within) whose items it can count; {what} is a {KindName(k)}");
        var titles = ReadTitles(map, what);
        if (id is null || window is null || attributeBy is null) return null;
        return new MetricDefinition
        {
            Id = id,
            Title = titles.GetValueOrDefault(TitleLanguage) ?? id,
            Titles = titles,
            Kind = k,
            Subject = s,
            Window = window,
            AttributeBy = attributeBy,
            Population = population,
            Numerator = numerator,
            Start = start,
            End = end,
            Limit = limit,
            CountsLate = countsLate,
            Excuse = excuse,
            ExcuseOnlyUnfinished = excuseOnlyUnfinished,
            ConsultationDayStart = dayStart,
            BusinessClock = cursor.Bool(map, "business_clock", what) ?? false,
            Standard = standard,
            Unit = cursor.Text(map, "unit", false, what) ?? DefaultUnit(k, s),
        };
    }

    /// <summary>
    /// <c>consultation_hours: "HH:MM-24:00"</c>: the hours of the day whose messages make consultations
    /// (Kuaishou counts 08:00–24:00; <c>"00:00-24:00"</c> counts every hour). Default 08:00–24:00.
    /// </summary>
    private LocalTime ReadConsultationHours(YamlMappingNode map, string what, Subject subject)
    {
        if (YamlCursor.Get(map, "consultation_hours") is not { } node) return ConsultationFact.DefaultDayStart;
        if (subject != Subject.Consultations)
        {
            cursor.Error(node, $"\"consultation_hours\" of {what} applies to subject consultations only");
            return ConsultationFact.DefaultDayStart;
        }
        var text = cursor.Text(map, "consultation_hours", false, what) ?? "";
        var parts = text.Split('-');
        if (parts.Length == 2 && parts[1].Trim() == "24:00"
            && NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(parts[0].Trim()) is { Success: true } start)
        {
            return start.Value;
        }
        cursor.Error(node, $"\"consultation_hours\" of {what} must read \"HH:MM-24:00\" (e.g. \"08:00-24:00\", or \"00:00-24:00\" for every hour), not \"{text}\"");
        return ConsultationFact.DefaultDayStart;
    }

    /// <summary><c>counts: on_time</c> (the default) or <c>counts: late</c>.</summary>
    private bool ReadCounts(YamlMappingNode map, string what)
    {
        var text = cursor.Text(map, "counts", false, what);
        if (text is null or "on_time") return false;
        if (text == "late") return true;
        cursor.Error(YamlCursor.Get(map, "counts")!, $"\"counts\" of {what} must be on_time or late, not \"{text}\"");
        return false;
    }

    /// <summary>
    /// A ratio: <c>numerator</c> and <c>denominator</c> are each <c>{subject, attribute_by, where}</c>,
    /// counted over the same window.
    /// </summary>
    private MetricDefinition? ReadRatio(YamlMappingNode map, string? id, string what)
    {
        NotFor(map, what, MetricKind.Ratio, "subject", "attribute_by", "population", "start", "end", "limit", "counts", "excuse", "excuse_only_unfinished", "business_clock", "components");
        var window = ReadMetricWindow(map, what, adaptive: false);
        if (YamlCursor.Get(map, "numerator") is null) cursor.Error(map, $"{what} is a ratio: it needs \"numerator\" ({{subject, attribute_by, where}})");
        if (YamlCursor.Get(map, "denominator") is null) cursor.Error(map, $"{what} is a ratio: it needs \"denominator\" ({{subject, attribute_by, where}})");
        var numerator = ReadPart(YamlCursor.Get(map, "numerator"), $"the numerator of {what}");
        var denominator = ReadPart(YamlCursor.Get(map, "denominator"), $"the denominator of {what}");
        var standard = new StandardReader(cursor).Read(YamlCursor.Get(map, "standard"), what);
        var titles = ReadTitles(map, what);
        if (id is null || window is null || numerator is null || denominator is null) return null;
        return new MetricDefinition
        {
            Id = id,
            Title = titles.GetValueOrDefault(TitleLanguage) ?? id,
            Titles = titles,
            Kind = MetricKind.Ratio,
            Subject = numerator.Subject,
            Window = window,
            AttributeBy = DerivedAttribution.Ratio(numerator, denominator),
            RatioNumerator = numerator,
            RatioDenominator = denominator,
            Standard = standard,
            Unit = cursor.Text(map, "unit", false, what) ?? "ratio",
        };
    }

    private RatioPart? ReadPart(YamlNode? node, string what)
    {
        if (node is null || cursor.Mapping(node, what) is not { } map) return null;
        cursor.OnlyKeys(map, what, "subject", "attribute_by", "where");
        if (Enum(map, "subject", what, Subjects) is not { } subject) return null;
        var fields = new FieldResolver(cursor, subject);
        var attributeBy = fields.Instant(map, "attribute_by", what, required: true);
        var where = fields.ReadFilter(YamlCursor.Get(map, "where"), $"\"where\" of {what}") ?? Filter.Everything;
        return attributeBy is null ? null : new RatioPart(subject, attributeBy, where);
    }

    /// <summary>A score: <c>components: [{metric, best, worst, weight}]</c> over the policy's other metrics.</summary>
    private MetricDefinition? ReadScore(YamlMappingNode map, string? id, string what)
    {
        NotFor(map, what, MetricKind.Score, "subject", "window", "attribute_by", "population", "numerator", "denominator", "start", "end", "limit", "counts", "excuse", "excuse_only_unfinished", "business_clock");
        var components = new List<ScoreComponent>();
        var node = YamlCursor.Get(map, "components");
        if (node is null) cursor.Error(map, $"{what} is a score: it needs \"components\" ([{{metric, best, worst, weight}}])");
        foreach (var item in cursor.Sequence(node, $"the components of {what}") ?? [])
        {
            if (cursor.Mapping(item, $"a component of {what}") is not { } c) continue;
            var part = $"a component of {what}";
            cursor.OnlyKeys(c, part, "metric", "best", "worst", "weight");
            var metric = cursor.Text(c, "metric", true, part);
            var best = cursor.Number(c, "best", true, part);
            var worst = cursor.Number(c, "worst", true, part);
            var weight = cursor.Number(c, "weight", false, part) ?? 1;
            if (weight <= 0) cursor.Error(YamlCursor.Get(c, "weight")!, $"the weight of a component of {what} must be above 0");
            if (metric is not null && best is { } b && worst is { } w && weight > 0) components.Add(new ScoreComponent(metric, b, w, weight));
        }
        if (node is YamlSequenceNode { Children.Count: 0 }) cursor.Error(node, $"{what} needs at least one component");
        var standard = new StandardReader(cursor).Read(YamlCursor.Get(map, "standard"), what);
        if (standard?.Peer is not null)
            cursor.Error(YamlCursor.Get(map, "standard")!, $"a peer comparison needs a rate (rate, ratio or share_within); {what} is a score");
        if (standard?.Guard is not null)
            cursor.Error(YamlCursor.Get((YamlMappingNode)YamlCursor.Get(map, "standard")!, "guard")!, $"a guard needs a rate (rate, ratio or share_within) whose items it can count; {what} is a score");
        var titles = ReadTitles(map, what);
        if (id is null) return null;
        return new MetricDefinition
        {
            Id = id,
            Title = titles.GetValueOrDefault(TitleLanguage) ?? id,
            Titles = titles,
            Kind = MetricKind.Score,
            Subject = Subject.Orders,
            Window = new ComponentWindows(),
            AttributeBy = DerivedAttribution.Components,
            Components = components,
            Standard = standard,
            Unit = cursor.Text(map, "unit", false, what) ?? "points",
        };
    }

    /// <summary>Keys that belong to other kinds of metric are mistakes, not silently ignored.</summary>
    private void NotFor(YamlMappingNode map, string what, MetricKind kind, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (YamlCursor.Get(map, key) is { } node)
                cursor.Error(node, $"\"{key}\" does not apply to {what}, which is a {Kinds.First(k => k.Value == kind).Key}");
        }
    }

    private static string KindName(MetricKind k) => Kinds.First(n => n.Value == k).Key;

    private static string DefaultUnit(MetricKind kind, Subject subject) => kind switch
    {
        MetricKind.Count => subject.ToString().ToLowerInvariant(),
        MetricKind.MeanDuration => "hours",
        _ => "ratio",
    };

    private T? Enum<T>(YamlMappingNode map, string key, string what, Dictionary<string, T> names)
        where T : struct
    {
        var text = cursor.Text(map, key, true, what);
        if (text is null) return null;
        if (names.TryGetValue(text, out var value)) return value;
        cursor.Error(YamlCursor.Get(map, key)!, $"unknown {key} \"{text}\" in {what}; expected one of: {string.Join(", ", names.Keys)}");
        return null;
    }

    internal WindowSpec? ReadWindow(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }
        return ReadGivenWindow(node, what);
    }

    /// <summary>A metric's window, which it must have.</summary>
    private WindowSpec? ReadMetricWindow(YamlMappingNode metric, string what, bool adaptive = true)
    {
        var node = YamlCursor.Get(metric, "window");
        if (node is null)
        {
            cursor.Error(metric, $"{what} needs \"window\" (rolling_days: N, calendar: day|week|half_month|month, or lifetime)");
            return null;
        }
        return ReadAdaptive(node, ReadGivenWindow(node, what, AdaptiveKeys), what, adaptive);
    }

    private WindowSpec? ReadGivenWindow(YamlNode node, string what, params string[] moreKeys)
    {
        if (node is YamlScalarNode { Value: "lifetime" }) return new LifetimeWindow();
        if (cursor.Mapping(node, $"the window of {what}") is not { } map) return null;
        cursor.OnlyKeys(map, $"the window of {what}", ["rolling_days", "lag_days", "align_to_day", "calendar", "current", .. moreKeys]);
        if (YamlCursor.Get(map, "rolling_days") is null)
        {
            foreach (var key in new[] { "lag_days", "align_to_day" })
            {
                if (YamlCursor.Get(map, key) is { } n) cursor.Error(n, $"\"{key}\" applies to rolling_days windows only");
            }
        }
        if (YamlCursor.Get(map, "rolling_days") is not null)
        {
            var days = cursor.Integer(map, "rolling_days", true, "a window", min: 1, max: MaxWindowDays, maxNote: MaxDaysNote);
            var lag = cursor.Integer(map, "lag_days", false, "a window", max: MaxWindowDays, maxNote: MaxDaysNote) ?? 0;
            var align = cursor.Bool(map, "align_to_day", "a window") ?? false;
            return days is { } d ? new RollingWindow(d, lag, align) : null;
        }
        var period = cursor.Text(map, "calendar", false, "a window");
        CalendarPeriod? p = period switch
        {
            "day" => CalendarPeriod.Day,
            "week" => CalendarPeriod.Week,
            "half_month" => CalendarPeriod.HalfMonth,
            "month" => CalendarPeriod.Month,
            _ => null,
        };
        if (p is null)
        {
            cursor.Error(node, $"the window of {what} needs rolling_days: N, calendar: day|week|half_month|month, or the word lifetime");
            return null;
        }
        return new CalendarWindow(p.Value, cursor.Bool(map, "current", "a window") ?? false);
    }

    private Limit? ReadLimit(YamlNode? node, string what, FieldResolver fields)
    {
        if (cursor.Mapping(node, $"the limit of {what}") is not { } map) return null;
        cursor.OnlyKeys(map, $"the limit of {what}", "business_days", "hours", "minutes", "seconds", "field");
        if (map.Children.Count != 1)
        {
            cursor.Error(map, "a limit has exactly one of business_days, hours, minutes, seconds, field");
            return null;
        }
        if (YamlCursor.Get(map, "field") is not null)
            return fields.Instant(map, "field", $"the limit of {what}", required: true) is { } deadline ? Limit.Until(deadline) : null;
        if (YamlCursor.Get(map, "business_days") is not null)
            return cursor.Integer(map, "business_days", false, "a limit", min: 1, max: MaxWindowDays, maxNote: MaxDaysNote) is { } bd ? new Limit(null, bd) : null;
        foreach (var (key, seconds) in new[] { ("hours", 3600.0), ("minutes", 60.0), ("seconds", 1.0) })
        {
            if (cursor.Number(map, key, false, "a limit") is not { } n) continue;
            if (n < 0 || n * seconds > MaxWindowDays * 86_400.0)
            {
                cursor.Error(YamlCursor.Get(map, key)!, $"\"{key}\" of the limit of {what} must not be negative or longer than 36,500 days");
                return null;
            }
            return new Limit(Duration.FromSeconds(n * seconds), null);
        }
        return null;
    }
}
