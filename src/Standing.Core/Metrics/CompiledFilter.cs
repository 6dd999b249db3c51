using NodaTime;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>Turns a <see cref="Filter"/> into a predicate over one kind of fact, once per policy.</summary>
internal static class CompiledFilter
{
    /// <summary>Whether <paramref name="filter"/> holds for every item (an empty "all"), so it need not be run.</summary>
    public static bool IsEverything(Filter filter) =>
        filter.RequireAll && filter.Conditions.Count == 0 && filter.Nested.Count == 0;

    public static Func<T, bool> Compile<T>(Filter filter)
    {
        var parts = filter.Conditions.Select(Compile<T>).Concat(filter.Nested.Select(Compile<T>)).ToArray();
        return parts.Length switch
        {
            0 => filter.RequireAll ? static _ => true : static _ => false,
            1 => parts[0],
            2 when filter.RequireAll => x => parts[0](x) && parts[1](x),
            2 => x => parts[0](x) || parts[1](x),
            _ when filter.RequireAll => x => Array.TrueForAll(parts, p => p(x)),
            _ => x => Array.Exists(parts, p => p(x)),
        };
    }

    public static Func<T, bool> Compile<T>(Condition c)
    {
        var field = (FactField<T>)c.Field;
        var op = c.Op;
        switch (field.Type)
        {
            case FieldType.Bool:
                {
                    var get = field.Bool!;
                    if (op == CompareOp.IsSet) return x => get(x) is not null;
                    if (op == CompareOp.NotSet) return x => get(x) is null;
                    var want = c.Bool!.Value;
                    return op == CompareOp.Eq ? x => get(x) == want : x => get(x) is { } v && v != want;
                }
            case FieldType.Number:
                {
                    var get = field.Number!;
                    if (op == CompareOp.IsSet) return x => get(x) is not null;
                    if (op == CompareOp.NotSet) return x => get(x) is null;
                    if (c.OtherField is FactField<T> other)
                    {
                        var getOther = other.Number!;
                        return x => get(x) is { } a && getOther(x) is { } b && Compare(a.CompareTo(b), op);
                    }
                    var n = c.Number!.Value;
                    // One lambda per operator: the hot loop then does no dispatch on the operator.
                    return op switch
                    {
                        CompareOp.Eq => x => get(x) is { } v && v.CompareTo(n) == 0,
                        CompareOp.Ne => x => get(x) is { } v && v.CompareTo(n) != 0,
                        CompareOp.Lt => x => get(x) is { } v && v.CompareTo(n) < 0,
                        CompareOp.Le => x => get(x) is { } v && v.CompareTo(n) <= 0,
                        CompareOp.Gt => x => get(x) is { } v && v.CompareTo(n) > 0,
                        CompareOp.Ge => x => get(x) is { } v && v.CompareTo(n) >= 0,
                        _ => static _ => false,
                    };
                }
            case FieldType.Instant:
                {
                    var get = field.Instant!;
                    if (op == CompareOp.IsSet) return x => get(x) is not null;
                    if (op == CompareOp.NotSet) return x => get(x) is null;
                    var other = (FactField<T>)c.OtherField!;
                    var getOther = other.Instant!;
                    if (field.RawInstant is { } raw && other.RawInstant is { } rawOther)
                    {
                        // Compact instants order like the instants; only far ones need the exact values.
                        return x =>
                        {
                            var a = raw(x);
                            var b = rawOther(x);
                            if (a == CompactInstant.Missing || b == CompactInstant.Missing) return false;
                            if (a == CompactInstant.Far || b == CompactInstant.Far) return Compare(get(x)!.Value.CompareTo(getOther(x)!.Value), op);
                            return Compare(a.CompareTo(b), op);
                        };
                    }
                    return x => get(x) is { } a && getOther(x) is { } b && Compare(a.CompareTo(b), op);
                }
            default:
                {
                    var get = field.Text!;
                    if (op == CompareOp.IsSet) return x => get(x) is not null;
                    if (op == CompareOp.NotSet) return x => get(x) is null;
                    if (op == CompareOp.Matches)
                    {
                        var pattern = TextPatterns.Compile(c.Texts!);
                        return x => get(x) is { } v && pattern.IsMatch(v);
                    }
                    var texts = c.Texts!.ToHashSet(StringComparer.Ordinal);
                    return op == CompareOp.Ne
                        ? x => get(x) is { } v && !texts.Contains(v)
                        : x => get(x) is { } v && texts.Contains(v);
                }
        }
    }

    private static bool Compare(int sign, CompareOp op) => op switch
    {
        CompareOp.Eq => sign == 0,
        CompareOp.Ne => sign != 0,
        CompareOp.Lt => sign < 0,
        CompareOp.Le => sign <= 0,
        CompareOp.Gt => sign > 0,
        CompareOp.Ge => sign >= 0,
        _ => false,
    };

    public static List<Condition> Held<T>(Filter filter, T item)
    {
        var held = filter.Conditions.Where(c => Compile<T>(c)(item)).ToList();
        foreach (var n in filter.Nested)
        {
            if (Compile<T>(n)(item)) held.AddRange(Held(n, item));
        }
        return held;
    }

    /// <summary>Why an item passed a filter: the conditions that held, with the item's values.</summary>
    public static string Explain<T>(Filter filter, T item, DateTimeZone zone)
    {
        var held = new List<string>();
        foreach (var c in filter.Conditions)
        {
            if (!Compile<T>(c)(item)) continue;
            var field = (FactField<T>)c.Field;
            if (c.Op == CompareOp.Matches && field.Text!(item) is { } text && TextPatterns.Compile(c.Texts!).Find(text) is { } found)
            {
                // The pattern that matched and what it matched, not the whole list.
                held.Add($"{field.Name} matches {found.Pattern}: \"{found.Text.Trim()}\" ({field.Name} = {text})");
                continue;
            }
            var shown = $"{c} ({field.Name} = {field.Show(item, zone)}";
            shown += c.OtherField is FactField<T> other ? $", {other.Name} = {other.Show(item, zone)})" : ")";
            held.Add(shown);
        }
        foreach (var n in filter.Nested)
        {
            if (Compile<T>(n)(item)) held.Add(Explain(n, item, zone));
        }
        return string.Join(filter.RequireAll ? "; " : " / ", held);
    }

    /// <summary>The tests of a filter that held for an item (nested ones included), with the item's values: <see cref="Explain"/> as data.</summary>
    public static IReadOnlyList<ReasonTest> Tests<T>(Filter filter, T item)
    {
        var tests = new List<ReasonTest>();
        foreach (var c in Held(filter, item))
        {
            var field = (FactField<T>)c.Field;
            if (c.Op == CompareOp.Matches && field.Text!(item) is { } text && TextPatterns.Compile(c.Texts!).Find(text) is { } found)
            {
                tests.Add(new ReasonTest(c, new ReasonValue(Text: text), Pattern: found.Pattern, Matched: found.Text.Trim()));
                continue;
            }
            tests.Add(new ReasonTest(c, ValueOf(field, item), c.OtherField is FactField<T> other ? ValueOf(other, item) : null));
        }
        return tests;
    }

    private static ReasonValue ValueOf<T>(FactField<T> field, T item) => field.Type switch
    {
        FieldType.Bool => new ReasonValue(Bool: field.Bool!(item)),
        FieldType.Number => new ReasonValue(Number: field.Number!(item)),
        FieldType.Instant => new ReasonValue(At: field.Instant!(item)),
        _ => new ReasonValue(Text: field.Text!(item)),
    };

    internal static Instant? Get<T>(IFactField f, T item) => ((FactField<T>)f).Instant!(item);
}
