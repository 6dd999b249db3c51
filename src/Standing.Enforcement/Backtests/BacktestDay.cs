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

    /// <summary>Adds the counts of the same day replayed for other sellers.</summary>
    internal void Add(BacktestDay other)
    {
        Sellers += other.Sellers;
        foreach (var (key, n) in other.Statuses) Add(Statuses, key, n);
        foreach (var (key, n) in other.Taken) Add(Taken, key, n);
        foreach (var (key, n) in other.Under) Add(Under, key, n);
    }

    internal static void Add(SortedDictionary<string, int> counts, string key, int n = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + n;
}
