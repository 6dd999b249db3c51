using Standing.Core.Metrics;
using Standing.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>Reads the <c>rules</c> list; every metric a rule names must exist in the policy.</summary>
internal sealed class RuleReader(YamlCursor cursor, IReadOnlyList<MetricDefinition> metrics)
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
            cursor.OnlyKeys(map, "a rule", "id", "outcome", "description", "when");
            var id = cursor.Text(map, "id", true, "a rule");
            var outcome = cursor.Text(map, "outcome", true, "a rule");
            var what = id is null ? "a rule" : $"rule \"{id}\"";
            var when = YamlCursor.Get(map, "when");
            if (when is null) cursor.Error(map, $"{what} needs \"when\"");
            var test = when is null ? null : ReadTest(when, what);
            if (id is not null && !seen.Add(id)) cursor.Error(map, $"rule id \"{id}\" is defined twice");
            if (id is null || outcome is null || test is null) continue;
            result.Add(new RuleDefinition(id, outcome, test) { Description = cursor.Text(map, "description", false, what) ?? "" });
        }
        return result;
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
            foreach (var child in cursor.Sequence(all ?? any, what) ?? [])
            {
                if (ReadTest(child, what) is { } t) tests.Add(t);
            }
            return all is not null ? new AllOf(tests) : new AnyOf(tests);
        }
        cursor.OnlyKeys(map, $"a test of {what}", "metric", "op", "value", "status");
        var metric = cursor.Text(map, "metric", true, $"a test of {what}");
        if (metric is not null && !metrics.Any(m => m.Id == metric))
        {
            cursor.Error(YamlCursor.Get(map, "metric")!, $"{what} names metric \"{metric}\", which the policy does not define{(metrics.Count == 0 ? "" : "; defined: " + string.Join(", ", metrics.Select(m => m.Id)))}");
            metric = null;
        }
        var statusText = cursor.Text(map, "status", false, what);
        if (statusText is not null)
        {
            if (!Statuses.TryGetValue(statusText, out var status))
            {
                cursor.Error(YamlCursor.Get(map, "status")!, $"unknown status \"{statusText}\"; expected one of: {string.Join(", ", Statuses.Keys)}");
                return null;
            }
            return metric is null ? null : new MetricTest(metric, CompareOp.Eq, null, status);
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
