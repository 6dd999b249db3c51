namespace Standing.Cli.Output;

/// <summary>Which items <c>explain</c> lists under each metric (--items); the summary counts them all either way.</summary>
internal enum ExplainItems
{
    /// <summary>The items the metric counted (the numerator; what a mean duration measured).</summary>
    Counted,
    /// <summary>The items the standard excused and those accepted disputes took out.</summary>
    Excluded,
    /// <summary>The items whose outcome was not known at as-of.</summary>
    Pending,
    /// <summary>Every group, the denominator-only items too.</summary>
    All,
}

/// <summary>The names of <see cref="ExplainItems"/> as --items takes them, and the default --limit.</summary>
internal static class ExplainItemsText
{
    /// <summary>Items listed per group by default: enough to see the pattern, short enough to read.</summary>
    public const int DefaultLimit = 50;

    public static readonly string[] Names = ["counted", "excluded", "pending", "all"];

    public static ExplainItems Parse(string name) => name switch
    {
        "excluded" => ExplainItems.Excluded,
        "pending" => ExplainItems.Pending,
        "all" => ExplainItems.All,
        _ => ExplainItems.Counted,
    };
}
