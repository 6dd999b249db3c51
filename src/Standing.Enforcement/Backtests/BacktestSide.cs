using NodaTime;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Backtests;

/// <summary>
/// One rule set of a backtest: its policy and machine, every seller's cases held in memory (a backtest
/// never writes a store), and what it did on each day.
/// </summary>
public sealed class BacktestSide
{
    internal BacktestSide(Policy policy, IReadOnlyList<LocalDate> days)
    {
        Policy = policy;
        Machine = PackMachines.For(policy);
        AsOfs = days.Select(d => policy.Zone.AtStartOfDay(d).ToInstant()).ToArray();
        Days = days.Select(_ => new BacktestDay()).ToArray();
    }

    public Policy Policy { get; }

    /// <summary>Null for a policy without enforcement: its triggered outcomes stand for actions.</summary>
    public IPackMachine? Machine { get; }

    /// <summary>Each day's as-of: midnight at its start in the policy's zone.</summary>
    public IReadOnlyList<Instant> AsOfs { get; }

    public IReadOnlyList<BacktestDay> Days { get; }

    /// <summary>Each seller's cases as the replay left them (in memory only).</summary>
    internal Dictionary<string, List<EnforcementCase>> Cases { get; } = new(StringComparer.Ordinal);

    /// <summary>Each seller's fate on the day before (for a policy without enforcement: what was already triggered).</summary>
    internal Dictionary<string, string[]> Previous { get; } = new(StringComparer.Ordinal);

    /// <summary>The first day each seller was put under an action.</summary>
    internal Dictionary<string, LocalDate> FirstAction { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds another replay's sellers of this rule set (none of them replayed here): their cases, their firsts, each day's counts.</summary>
    internal void Add(BacktestSide other)
    {
        for (var d = 0; d < Days.Count; d++) Days[d].Add(other.Days[d]);
        foreach (var (seller, cases) in other.Cases) Cases.Add(seller, cases);
        foreach (var (seller, fate) in other.Previous) Previous.Add(seller, fate);
        foreach (var (seller, day) in other.FirstAction) FirstAction.Add(seller, day);
    }

    /// <summary>Every case the replay opened or moved, by seller.</summary>
    public IReadOnlyDictionary<string, List<EnforcementCase>> CasesBySeller => Cases;
}
