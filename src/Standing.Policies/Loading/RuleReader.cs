using Standing.Core.Metrics;
using Standing.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>Reads the <c>rules</c> list; every metric a rule names must exist in the policy.</summary>
/// <remarks>
/// <paramref name="declared"/> holds every metric id the policy writes, including metrics that have
/// mistakes of their own: a rule naming one of those is not reported again.
/// </remarks>
internal sealed class RuleReader(YamlCursor cursor, IReadOnlyList<MetricDefinition> metrics, IReadOnlyList<string> declared)
{
    private static readonly IReadOnlyDictionary<string, CompareOp> Ops = OpNames.Comparisons;

    private static readonly Dictionary<string, MetricStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["good"] = MetricStatus.Good,
        ["at_risk"] = MetricStatus.AtRisk,
        ["breach"] = MetricStatus.Breach,
        ["insufficient_data"] = MetricStatus.InsufficientData,
    };

    public List<RuleDefinition> ReadAll(YamlNode? node)
    {
        var result = new List<RuleDefinition>();
        if (node is null || cursor.Sequence(node, "rules") is not { } seq) return result;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in seq)
        {
            if (cursor.Mapping(item, "a rule") is not { } map) continue;
            cursor.OnlyKeys(map, "a rule", "id", "outcome", "description", "when", "versions", "tiers", "award");
            var id = cursor.Text(map, "id", true, "a rule");
            var what = id is null ? "a rule" : $"rule \"{id}\"";
            var tiersNode = YamlCursor.Get(map, "tiers");
            // A tiered rule's outcomes are its tiers'; a plain rule needs its own.
            var outcome = cursor.Text(map, "outcome", tiersNode is null, "a rule");
            var when = YamlCursor.Get(map, "when");
            var versionsNode = YamlCursor.Get(map, "versions");
            if (when is not null && versionsNode is not null)
                cursor.Error(versionsNode, $"{what}: give either \"when\" or \"versions\" (each with its own when), not both");
            else if (when is null && versionsNode is null && tiersNode is null)
                cursor.Error(map, $"{what} needs \"when\" (or \"versions\", or \"tiers\")");
            var test = when is null ? new AllOf([]) : ReadTest(when, what);
            var versions = versionsNode is null ? [] : ReadVersions(versionsNode, what);
            var tiers = tiersNode is null ? [] : ReadTiers(tiersNode, id ?? "rule", what);
            if (id is not null && !seen.Add(id)) cursor.Error(map, $"rule id \"{id}\" is defined twice");
            if (id is null || test is null || (tiersNode is null && outcome is null)) continue;
            if (versions.Count > 0) test = versions[^1].When;
            result.Add(new RuleDefinition(id, outcome ?? id, test)
            {
                Description = cursor.Text(map, "description", false, what) ?? "",
                Versions = versions,
                Tiers = tiers,
                Award = cursor.Bool(map, "award", what) ?? false,
            });
        }
        return result;
    }

    /// <summary><c>versions: [{effective: DATE, when: TEST}]</c>, in increasing date order.</summary>
    private List<RuleVersion> ReadVersions(YamlNode node, string what)
    {
        var result = new List<RuleVersion>();
        var seq = cursor.Sequence(node, $"the versions of {what}");
        if (seq is null) return result;
        if (seq.Children.Count == 0) cursor.Error(seq, $"{what} lists no versions");
        NodaTime.LocalDate? last = null;
        foreach (var item in seq)
        {
            var of = $"a version of {what}";
            if (cursor.Mapping(item, of) is not { } map) continue;
            cursor.OnlyKeys(map, of, "effective", "when", "note");
            var text = cursor.Text(map, "effective", true, of);
            NodaTime.LocalDate? effective = null;
            if (text is not null)
            {
                var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
                if (parsed.Success) effective = parsed.Value;
                else cursor.Error(YamlCursor.Get(map, "effective")!, $"\"effective\" of {of} must be a date like 2022-10-05");
            }
            var when = YamlCursor.Get(map, "when");
            if (when is null) cursor.Error(map, $"{of} needs \"when\"");
            var test = when is null ? null : ReadTest(when, what);
            if (effective is not { } date) continue;
            if (last is { } previous && previous >= date)
                cursor.Error(YamlCursor.Get(map, "effective")!, $"the versions of {what} must be listed oldest first, each on a later date");
            last = date;
            if (test is not null) result.Add(new RuleVersion(date, test));
        }
        return result;
    }

    /// <summary><c>tiers: [{id, outcome, when, penalty, fine: {min, max, currency}}]</c>, checked in order.</summary>
    private List<RuleTier> ReadTiers(YamlNode node, string rule, string what)
    {
        var result = new List<RuleTier>();
        var seq = cursor.Sequence(node, $"the tiers of {what}");
        if (seq is null) return result;
        if (seq.Children.Count == 0) cursor.Error(seq, $"{what} lists no tiers");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in seq)
        {
            var of = $"a tier of {what}";
            if (cursor.Mapping(item, of) is not { } map) continue;
            cursor.OnlyKeys(map, of, "id", "outcome", "when", "penalty", "fine");
            var id = cursor.Text(map, "id", true, of);
            if (id is not null && !PolicyLoader.IsIdentifier(id)) cursor.Error(YamlCursor.Get(map, "id")!, "a tier id must be lower-case letters, digits, '_' or '-'");
            if (id is not null && !seen.Add(id)) cursor.Error(YamlCursor.Get(map, "id")!, $"tier \"{id}\" of {what} is defined twice");
            var when = YamlCursor.Get(map, "when");
            if (when is null) cursor.Error(map, $"{of} needs \"when\"");
            var test = when is null ? null : ReadTest(when, what);
            var fine = ReadFine(YamlCursor.Get(map, "fine"), of);
            if (id is null || test is null) continue;
            result.Add(new RuleTier(id, cursor.Text(map, "outcome", false, of) ?? $"{rule}_{id}", test)
            {
                Penalty = cursor.Text(map, "penalty", false, of) ?? "",
                Fine = fine,
            });
        }
        return result;
    }

    private FineRange? ReadFine(YamlNode? node, string what)
    {
        if (node is null || cursor.Mapping(node, $"the fine of {what}") is not { } map) return null;
        var of = $"the fine of {what}";
        cursor.OnlyKeys(map, of, "min", "max", "currency");
        var min = cursor.Number(map, "min", true, of);
        var max = cursor.Number(map, "max", true, of);
        var currency = cursor.Text(map, "currency", true, of);
        if (min is { } a && max is { } b && a > b)
        {
            cursor.Error(map, $"{of}: min ({a}) is above max ({b})");
            return null;
        }
        return min is null || max is null || currency is null ? null : new FineRange(min.Value, max.Value, currency);
    }

    private RuleTest? ReadTest(YamlNode node, string what)
    {
        if (cursor.Mapping(node, $"a test of {what}") is not { } map) return null;
        var all = YamlCursor.Get(map, "all");
        var any = YamlCursor.Get(map, "any");
        if (all is not null || any is not null)
        {
            cursor.OnlyKeys(map, $"a test of {what}", "all", "any");
            if (all is not null && any is not null)
            {
                cursor.Error(map, $"{what}: use either \"all\" or \"any\" at one level, and nest the other");
                return null;
            }
            var tests = new List<RuleTest>();
            var list = cursor.Sequence(all ?? any, what);
            if (list is { Children.Count: 0 })
            {
                // all: [] would hold for every seller and any: [] for none: surely a mistake.
                cursor.Error(list, $"{what}: \"{(all is not null ? "all" : "any")}\" lists no tests; give at least one");
                return null;
            }
            var failed = false;
            foreach (var child in list ?? [])
            {
                if (ReadTest(child, what) is { } t) tests.Add(t);
                else failed = true;
            }
            if (list is null || failed) return null;
            return all is not null ? new AllOf(tests) : new AnyOf(tests);
        }
        cursor.OnlyKeys(map, $"a test of {what}", "metric", "op", "value", "status");
        var metric = cursor.Text(map, "metric", true, $"a test of {what}");
        if (metric is not null && !metrics.Any(m => m.Id == metric))
        {
            if (!declared.Contains(metric, StringComparer.Ordinal))
                cursor.Error(YamlCursor.Get(map, "metric")!, $"{what} names metric \"{metric}\", which the policy does not define{MetricReader.DefinedList(declared)}");
            metric = null;
        }
        var statusText = cursor.Text(map, "status", false, what);
        if (statusText is not null)
        {
            if ((YamlCursor.Get(map, "op") ?? YamlCursor.Get(map, "value")) is { } extra)
                cursor.Error(extra, $"a test of {what} checks either \"status\" or \"op\" and \"value\", not both");
            if (!Statuses.TryGetValue(statusText, out var status))
            {
                cursor.Error(YamlCursor.Get(map, "status")!, $"unknown status \"{statusText}\"; expected one of: {string.Join(", ", Statuses.Keys)}");
                return null;
            }
            return metric is null || YamlCursor.Get(map, "op") is not null || YamlCursor.Get(map, "value") is not null
                ? null
                : new MetricTest(metric, CompareOp.Eq, null, status);
        }
        var opText = cursor.Text(map, "op", true, $"a test of {what}");
        var value = cursor.Number(map, "value", true, $"a test of {what}");
        if (opText is not null && !Ops.ContainsKey(opText))
        {
            cursor.Error(YamlCursor.Get(map, "op")!, $"unknown op \"{opText}\"; expected one of: {string.Join(", ", Ops.Keys)}");
            return null;
        }
        if (metric is null || opText is null || value is null) return null;
        return new MetricTest(metric, Ops[opText], value, null);
    }
}
