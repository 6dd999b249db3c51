using System.Globalization;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Resolves field names against the fact vocabulary of one subject and reads filters
/// (<c>all</c> / <c>any</c> / a condition), checking each operator against the field's type.
/// </summary>
internal sealed class FieldResolver(YamlCursor cursor, Subject subject)
{
    private static readonly IReadOnlyDictionary<string, CompareOp> Ops = OpNames.Conditions;

    public IFactField? Field(YamlNode node, string name)
    {
        var field = FactFields.Find(subject, name);
        if (field is null)
        {
            var known = string.Join(", ", FactFields.All(subject).Select(f => f.Name).Order(StringComparer.Ordinal));
            cursor.Error(node, $"unknown field \"{name}\" for {FactFields.SubjectName(subject)}; known fields: {known}");
        }
        return field;
    }

    public IFactField? Instant(YamlMappingNode map, string key, string what, bool required)
    {
        var name = cursor.Text(map, key, required, what);
        if (name is null) return null;
        var node = YamlCursor.Get(map, key)!;
        var field = Field(node, name);
        if (field is not null && field.Type != FieldType.Instant)
        {
            cursor.Error(node, $"\"{key}\" of {what} must name an instant field; \"{name}\" is {field.Type.ToString().ToLowerInvariant()}");
            return null;
        }
        return field;
    }

    public Filter? ReadFilter(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (cursor.Mapping(node, what) is not { } map) return null;
        var all = YamlCursor.Get(map, "all");
        var any = YamlCursor.Get(map, "any");
        if (all is null && any is null)
        {
            var condition = ReadCondition(map, what);
            return condition is null ? null : new Filter(true, [condition], []);
        }
        cursor.OnlyKeys(map, what, "all", "any");
        if (all is not null && any is not null)
        {
            cursor.Error(map, $"{what}: use either \"all\" or \"any\" at one level, and nest the other");
            return null;
        }
        var list = cursor.Sequence(all ?? any, what);
        if (list is { Children.Count: 0 })
        {
            // all: [] would take every item and any: [] none: surely a mistake.
            cursor.Error(list, $"{what}: \"{(all is not null ? "all" : "any")}\" lists no conditions; give at least one");
            return null;
        }
        var conditions = new List<Condition>();
        var nested = new List<Filter>();
        foreach (var item in list ?? [])
        {
            if (cursor.Mapping(item, what) is not { } m) continue;
            if (YamlCursor.Get(m, "all") is not null || YamlCursor.Get(m, "any") is not null)
            {
                if (ReadFilter(m, what) is { } f) nested.Add(f);
            }
            else if (ReadCondition(m, what) is { } c)
            {
                conditions.Add(c);
            }
        }
        return new Filter(all is not null, conditions, nested);
    }

    private Condition? ReadCondition(YamlMappingNode map, string what)
    {
        cursor.OnlyKeys(map, $"a condition of {what}", "field", "op", "value", "values", "field_ref");
        var name = cursor.Text(map, "field", true, $"a condition of {what}");
        var opText = cursor.Text(map, "op", true, $"a condition of {what}");
        if (name is null || opText is null) return null;
        var field = Field(YamlCursor.Get(map, "field")!, name);
        var opNode = YamlCursor.Get(map, "op")!;
        if (!Ops.TryGetValue(opText, out var op))
        {
            cursor.Error(opNode, $"unknown op \"{opText}\"; expected one of: {string.Join(", ", Ops.Keys)}");
            return null;
        }
        if (field is null) return null;
        var condition = new Condition(field, op);
        if (op is CompareOp.IsSet or CompareOp.NotSet) return condition;

        var valueNode = YamlCursor.Get(map, "value");
        var refName = cursor.Text(map, "field_ref", false, what);
        if (refName is not null)
        {
            var other = Field(YamlCursor.Get(map, "field_ref")!, refName);
            if (other is null) return null;
            if (other.Type != field.Type || field.Type is FieldType.Bool or FieldType.Text || op == CompareOp.In)
            {
                cursor.Error(YamlCursor.Get(map, "field_ref")!, $"cannot compare {field.Name} ({Type(field)}) with {other.Name} ({Type(other)}) using {opText}");
                return null;
            }
            return condition with { OtherField = other };
        }
        switch (field.Type)
        {
            case FieldType.Instant:
                cursor.Error(opNode, $"{field.Name} is an instant: compare it with another field (field_ref) or use set / not_set");
                return null;
            case FieldType.Bool:
                if (op is not (CompareOp.Eq or CompareOp.Ne)) return Bad(opNode, field, opText);
                var b = cursor.Bool(map, "value", what);
                if (b is null && valueNode is null) cursor.Error(map, $"the condition on {field.Name} needs \"value: true\" or \"value: false\"");
                return b is null ? null : condition with { Bool = b };
            case FieldType.Number:
                if (op == CompareOp.In) return Bad(opNode, field, opText);
                var n = cursor.Number(map, "value", true, $"the condition on {field.Name}");
                return n is null ? null : condition with { Number = n };
            default:
                if (op is not (CompareOp.Eq or CompareOp.Ne or CompareOp.In or CompareOp.Matches)) return Bad(opNode, field, opText);
                var many = op is CompareOp.In or CompareOp.Matches;
                var texts = many ? cursor.Texts(map, "values") : [cursor.Text(map, "value", true, $"the condition on {field.Name}") ?? ""];
                if (texts.Count == 0 || texts.Any(t => t.Length == 0))
                {
                    if (many) cursor.Error(map, $"the condition on {field.Name} needs \"values: [...]\"");
                    return null;
                }
                if (op == CompareOp.Matches && !Patterns(map, texts)) return null;
                return condition with { Texts = texts };
        }
    }

    /// <summary>Checks every pattern of a <c>matches</c> condition, reporting each bad one where it is written.</summary>
    private bool Patterns(YamlMappingNode map, IReadOnlyList<string> patterns)
    {
        var ok = true;
        var nodes = YamlCursor.Get(map, "values") is YamlSequenceNode seq ? seq.Children : [];
        for (var i = 0; i < patterns.Count; i++)
        {
            if (TextPatterns.Problem(patterns[i]) is not { } problem) continue;
            cursor.Error(i < nodes.Count ? nodes[i] : map, $"pattern \"{patterns[i]}\" is not a usable regular expression: {problem}");
            ok = false;
        }
        return ok;
    }

    private Condition? Bad(YamlNode node, IFactField field, string op)
    {
        cursor.Error(node, $"op \"{op}\" does not apply to {field.Name}, which is {Type(field)}");
        return null;
    }

    private static string Type(IFactField f) => f.Type.ToString().ToLower(CultureInfo.InvariantCulture);
}
