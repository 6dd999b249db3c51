using Standing.Core.Facts;

namespace Standing.Core.Metrics;

public enum CompareOp
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    IsSet,
    NotSet,
    In,
    /// <summary>A text field matches any of a list of regular expressions (case-insensitive).</summary>
    Matches,
}

/// <summary>
/// One test on a fact field: against a constant (<see cref="Number"/>, <see cref="Bool"/>,
/// <see cref="Texts"/>) or against another field of the same fact (<see cref="OtherField"/>).
/// The policy loader has checked that the operator and operands fit the field's type.
/// </summary>
public sealed record Condition(IFactField Field, CompareOp Op)
{
    public double? Number { get; init; }
    public bool? Bool { get; init; }
    public IReadOnlyList<string>? Texts { get; init; }
    public IFactField? OtherField { get; init; }

    public override string ToString()
    {
        var rhs = Op switch
        {
            CompareOp.IsSet => "",
            CompareOp.NotSet => "",
            _ when OtherField is not null => " " + OtherField.Name,
            _ when Number is { } n => " " + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when Bool is { } b => " " + (b ? "true" : "false"),
            _ when Texts is { Count: 1 } t => " " + t[0],
            _ => " [" + string.Join(", ", Texts ?? []) + "]",
        };
        return $"{Field.Name} {OpText(Op)}{rhs}";
    }

    public static string OpText(CompareOp op) => op switch
    {
        CompareOp.Eq => "=",
        CompareOp.Ne => "≠",
        CompareOp.Lt => "<",
        CompareOp.Le => "≤",
        CompareOp.Gt => ">",
        CompareOp.Ge => "≥",
        CompareOp.IsSet => "is set",
        CompareOp.NotSet => "is not set",
        CompareOp.Matches => "matches",
        _ => "in",
    };
}

/// <summary>All (or any) of a list of conditions and nested filters. An empty "all" holds for every item.</summary>
public sealed record Filter(bool RequireAll, IReadOnlyList<Condition> Conditions, IReadOnlyList<Filter> Nested)
{
    public static readonly Filter Everything = new(true, [], []);

    /// <summary>
    /// The conditions that held for <paramref name="item"/>, those of nested filters that held included: why an
    /// item counted, for a notice to say in its own words. Compiles on each call (a notice's few items).
    /// </summary>
    public IReadOnlyList<Condition> HeldFor<T>(T item) => CompiledFilter.Held(this, item);

    public override string ToString()
    {
        var parts = Conditions.Select(c => c.ToString()).Concat(Nested.Select(n => "(" + n + ")")).ToList();
        if (parts.Count == 0) return "every item";
        return string.Join(RequireAll ? " and " : " or ", parts);
    }
}
