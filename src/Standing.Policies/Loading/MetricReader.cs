using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>Reads the <c>metrics</c> list: kind, subject, window, filters, clock and standard of each.</summary>
internal sealed class MetricReader(YamlCursor cursor)
{
    private static readonly string[] Keys =
        ["id", "title", "kind", "subject", "window", "attribute_by", "population", "numerator", "start", "end", "limit", "business_clock", "standard", "unit"];

    public List<MetricDefinition> ReadAll(YamlNode? node)
    {
        var result = new List<MetricDefinition>();
        if (node is null)
        {
            return result;
        }
        var seq = cursor.Sequence(node, "metrics");
        if (seq is null) return result;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in seq)
        {
            if (cursor.Mapping(item, "a metric") is not { } map) continue;
            var metric = Read(map);
            if (metric is null) continue;
            if (!seen.Add(metric.Id)) cursor.Error(map, $"metric id \"{metric.Id}\" is defined twice");
            result.Add(metric);
        }
        return result;
    }

    private MetricDefinition? Read(YamlMappingNode map)
    {
        cursor.OnlyKeys(map, "a metric", Keys);
        var id = cursor.Text(map, "id", true, "a metric");
        var what = id is null ? "a metric" : $"metric \"{id}\"";
        if (id is not null && !PolicyLoader.IsIdentifier(id)) cursor.Error(YamlCursor.Get(map, "id")!, "metric id must be lower-case letters, digits, '_' or '-'");
        var kind = Enum(map, "kind", what, new Dictionary<string, MetricKind>
        {
            ["rate"] = MetricKind.Rate,
            ["count"] = MetricKind.Count,
            ["share_within"] = MetricKind.ShareWithin,
            ["mean_duration"] = MetricKind.MeanDuration,
        });
        var subject = Enum(map, "subject", what, new Dictionary<string, Subject>
        {
            ["orders"] = Subject.Orders,
            ["reviews"] = Subject.Reviews,
            ["cases"] = Subject.Cases,
            ["complaints"] = Subject.Complaints,
            ["refunds"] = Subject.Refunds,
            ["conversations"] = Subject.Conversations,
            ["messages"] = Subject.Messages,
            ["consultations"] = Subject.Consultations,
            ["agent_messages"] = Subject.AgentMessages,
        });
        var window = ReadWindow(YamlCursor.Get(map, "window"), what);
        if (subject is not { } s || kind is not { } k) return null;

        var fields = new FieldResolver(cursor, s);
        var attributeBy = fields.Instant(map, "attribute_by", what, required: true);
        var population = fields.ReadFilter(YamlCursor.Get(map, "population"), $"the population of {what}") ?? Filter.Everything;
        var numerator = fields.ReadFilter(YamlCursor.Get(map, "numerator"), $"the numerator of {what}");
        IFactField? start = null, end = null;
        Limit? limit = null;
        if (k is MetricKind.Rate or MetricKind.Count)
        {
            if (YamlCursor.Get(map, "numerator") is null) cursor.Error(map, $"{what} is a {KindName(k)}: it needs \"numerator\"");
        }
        else
        {
            start = fields.Instant(map, "start", what, required: true);
            end = fields.Instant(map, "end", what, required: true);
            if (k == MetricKind.ShareWithin)
            {
                limit = ReadLimit(YamlCursor.Get(map, "limit"), what);
                if (YamlCursor.Get(map, "limit") is null) cursor.Error(map, $"{what} is a share_within: it needs \"limit\"");
            }
        }
        var standard = new StandardReader(cursor).Read(YamlCursor.Get(map, "standard"), what);
        if (id is null || window is null || attributeBy is null) return null;
        return new MetricDefinition
        {
            Id = id,
            Title = cursor.Text(map, "title", false, what) ?? id,
            Kind = k,
            Subject = s,
            Window = window,
            AttributeBy = attributeBy,
            Population = population,
            Numerator = numerator,
            Start = start,
            End = end,
            Limit = limit,
            BusinessClock = cursor.Bool(map, "business_clock", what) ?? false,
            Standard = standard,
            Unit = cursor.Text(map, "unit", false, what) ?? DefaultUnit(k, s),
        };
    }

    private static string KindName(MetricKind k) => k == MetricKind.Rate ? "rate" : "count";

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

    private WindowSpec? ReadWindow(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: "lifetime" }) return new LifetimeWindow();
        if (cursor.Mapping(node, $"the window of {what}") is not { } map) return null;
        cursor.OnlyKeys(map, $"the window of {what}", "rolling_days", "lag_days", "align_to_day", "calendar", "current");
        if (YamlCursor.Get(map, "rolling_days") is not null)
        {
            var days = cursor.Integer(map, "rolling_days", true, "a window", min: 1);
            var lag = cursor.Integer(map, "lag_days", false, "a window") ?? 0;
            var align = cursor.Bool(map, "align_to_day", "a window") ?? false;
            return days is { } d ? new RollingWindow(d, lag, align) : null;
        }
        var period = cursor.Text(map, "calendar", false, "a window");
        CalendarPeriod? p = period switch
        {
            "week" => CalendarPeriod.Week,
            "half_month" => CalendarPeriod.HalfMonth,
            "month" => CalendarPeriod.Month,
            _ => null,
        };
        if (p is null)
        {
            cursor.Error(node, $"the window of {what} needs rolling_days: N, calendar: week|half_month|month, or the word lifetime");
            return null;
        }
        return new CalendarWindow(p.Value, cursor.Bool(map, "current", "a window") ?? false);
    }

    private Limit? ReadLimit(YamlNode? node, string what)
    {
        if (cursor.Mapping(node, $"the limit of {what}") is not { } map) return null;
        cursor.OnlyKeys(map, $"the limit of {what}", "business_days", "hours", "minutes", "seconds");
        if (map.Children.Count != 1)
        {
            cursor.Error(map, "a limit has exactly one of business_days, hours, minutes, seconds");
            return null;
        }
        if (cursor.Integer(map, "business_days", false, "a limit", min: 1) is { } bd) return new Limit(null, bd);
        if (cursor.Number(map, "hours", false, "a limit") is { } h) return new Limit(Duration.FromSeconds(h * 3600), null);
        if (cursor.Number(map, "minutes", false, "a limit") is { } m) return new Limit(Duration.FromSeconds(m * 60), null);
        if (cursor.Number(map, "seconds", false, "a limit") is { } s) return new Limit(Duration.FromSeconds(s), null);
        return null;
    }
}
