namespace Standing.Enforcement.Backtests;

/// <summary>
/// What one rule set did on one day, summed over every seller: how many sellers stood in each status
/// (a seller's worst metric), how many actions it took that day and how many sellers were under each action.
/// </summary>
public sealed class BacktestDay
{
    /// <summary>Sellers evaluated (known before the day's as-of).</summary>
    public int Sellers { get; internal set; }

    /// <summary>Sellers per status: good, at_risk, breach, insufficient_data.</summary>
    public SortedDictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Actions taken that day (cases opened; for a policy without enforcement, outcomes newly triggered).</summary>
    public SortedDictionary<string, int> Taken { get; } = new(StringComparer.Ordinal);

    /// <summary>Sellers under each action at the end of the day (an open case; for a policy without enforcement, a triggered outcome).</summary>
    public SortedDictionary<string, int> Under { get; } = new(StringComparer.Ordinal);

    internal static void Add(SortedDictionary<string, int> counts, string key, int n = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + n;
}
