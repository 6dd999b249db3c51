using NodaTime;

namespace Standing.Enforcement.Backtests;

/// <summary>
/// A seller whose fate differs between the two rule sets: the first day it did, what each set had it
/// under then (actions joined by "+", "none" for nothing) and why, in the words of the rules' verdicts.
/// </summary>
public sealed record FateChange(string Seller, LocalDate Day, string Baseline, string Candidate, string Reason)
{
    /// <summary>Days of the backtest on which the two fates differed.</summary>
    public int DaysDiffering { get; internal set; }
}

/// <summary>
/// The first day each rule set took an action against a seller (null: never in the range); from the
/// two, whether the candidate spared the seller, delayed or hastened its first action, or added one.
/// </summary>
public sealed record FirstActions(string Seller, LocalDate? Baseline, LocalDate? Candidate)
{
    /// <summary>spared, delayed, earlier, added or same.</summary>
    public string Effect => (Baseline, Candidate) switch
    {
        ({ }, null) => "spared",
        (null, { }) => "added",
        ({ } b, { } c) when c > b => "delayed",
        ({ } b, { } c) when c < b => "earlier",
        _ => "same",
    };

    /// <summary>By how many days the candidate's first action came later (negative: earlier); null unless both acted.</summary>
    public int? DaysLater => Baseline is { } b && Candidate is { } c ? Period.DaysBetween(b, c) : null;
}
