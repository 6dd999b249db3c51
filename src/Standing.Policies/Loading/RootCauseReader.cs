using Standing.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads <c>root_causes</c>: which reviews are negative, over which window, how many examples to show,
/// and the causes with their keywords (any language; matched case-insensitively in the review text).
/// </summary>
internal sealed class RootCauseReader(YamlCursor cursor)
{
    public RootCauseTable? Read(YamlNode? node)
    {
        if (node is null || cursor.Mapping(node, "root_causes") is not { } map) return null;
        cursor.OnlyKeys(map, "root_causes", "window", "max_stars", "examples", "causes");
        var windowNode = YamlCursor.Get(map, "window");
        if (windowNode is null) cursor.Error(map, "root_causes needs \"window\" (e.g. { rolling_days: 365 })");
        var window = windowNode is null ? null : new MetricReader(cursor).ReadWindow(windowNode, "root_causes");
        var maxStars = cursor.Integer(map, "max_stars", false, "root_causes", min: 1) ?? 2;
        var examples = cursor.Integer(map, "examples", false, "root_causes", min: 0) ?? 3;
        var causes = new List<RootCause>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { RootCauseTable.Other };
        var causesNode = YamlCursor.Get(map, "causes");
        if (causesNode is null) cursor.Error(map, "root_causes needs \"causes\" ([{id, title, keywords}])");
        foreach (var item in cursor.Sequence(causesNode, "the causes of root_causes") ?? [])
        {
            if (cursor.Mapping(item, "a root cause") is not { } c) continue;
            cursor.OnlyKeys(c, "a root cause", "id", "title", "keywords");
            var id = cursor.Text(c, "id", true, "a root cause");
            if (id is not null && !PolicyLoader.IsIdentifier(id)) cursor.Error(YamlCursor.Get(c, "id")!, "a root cause id must be lower-case letters, digits, '_' or '-'");
            if (id is not null && !seen.Add(id))
                cursor.Error(YamlCursor.Get(c, "id")!, id == RootCauseTable.Other ? "\"other\" is the cause of reviews that match no keyword; it has no keywords of its own" : $"root cause \"{id}\" is listed twice");
            var keywords = cursor.Texts(c, "keywords");
            if (keywords.Count == 0) cursor.Error(c, $"root cause \"{id}\" needs \"keywords\" (a list of words or phrases)");
            foreach (var k in keywords.Where(k => k.Trim().Length == 0)) cursor.Error(YamlCursor.Get(c, "keywords")!, $"root cause \"{id}\" has an empty keyword");
            if (id is not null && keywords.Count > 0) causes.Add(new RootCause(id, cursor.Text(c, "title", false, "a root cause") ?? id, keywords));
        }
        return window is null ? null : new RootCauseTable(window, maxStars, examples, causes);
    }
}
