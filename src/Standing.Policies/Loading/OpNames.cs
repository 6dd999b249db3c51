using Standing.Core.Metrics;

namespace Standing.Policies.Loading;

/// <summary>The comparison operators as policies spell them.</summary>
internal static class OpNames
{
    /// <summary>Comparisons of a value: what rules may use.</summary>
    public static readonly IReadOnlyDictionary<string, CompareOp> Comparisons = new Dictionary<string, CompareOp>(StringComparer.Ordinal)
    {
        ["eq"] = CompareOp.Eq,
        ["ne"] = CompareOp.Ne,
        ["lt"] = CompareOp.Lt,
        ["le"] = CompareOp.Le,
        ["gt"] = CompareOp.Gt,
        ["ge"] = CompareOp.Ge,
    };

    /// <summary>Everything a filter condition may use: comparisons, presence and membership.</summary>
    public static readonly IReadOnlyDictionary<string, CompareOp> Conditions = new Dictionary<string, CompareOp>(Comparisons, StringComparer.Ordinal)
    {
        ["set"] = CompareOp.IsSet,
        ["not_set"] = CompareOp.NotSet,
        ["in"] = CompareOp.In,
        ["matches"] = CompareOp.Matches,
    };
}
