namespace Standing.Core.Policies.Enforcement;

/// <summary>
/// One kind of case a policy opens: on its <see cref="Outcome"/> (or when another kind escalates to it),
/// one per seller, per metric of the rule in breach, or per item that counted.
/// </summary>
public sealed record CaseRule
{
    /// <summary>The case kind (an identifier, unique in the policy).</summary>
    public required string Kind { get; init; }
    /// <summary>The rule outcome that opens it; null for a kind opened only by escalation.</summary>
    public string? Outcome { get; init; }
    public CasePer Per { get; init; } = CasePer.Seller;
    /// <summary>Days after a case of this kind (and key) opened before another may open; null: as soon as none is open.</summary>
    public int? ReopenAfterDays { get; init; }
    /// <summary>When a person's decision is due after the case opens; null: no deadline.</summary>
    public DayCount? Deadline { get; init; }
    /// <summary>How often the outcome is checked again while the case is open; null: at every run.</summary>
    public DayCount? Recheck { get; init; }
    public Clearing Clears { get; init; } = Clearing.OutcomeStops;
    /// <summary>The kind opened when the outcome still holds at a re-check; null: the case stays open.</summary>
    public string? EscalateTo { get; init; }
    /// <summary>The decisions a person may record on an open case (confirm, dismiss, reinstate, answer, fine).</summary>
    public IReadOnlyList<string> Decisions { get; init; } = [];
    /// <summary>The range a <c>fine</c> decision must fall in.</summary>
    public FineRange? Fine { get; init; }
    public IReadOnlyList<NoticeTemplate> Notices { get; init; } = [];
}

/// <summary>What one case is about: the seller, one metric of the rule in breach, or one item that counted.</summary>
public enum CasePer
{
    Seller,
    Metric,
    Item,
}

/// <summary>What closes a case: a run that finds the outcome no longer holds, or only a person's decision.</summary>
public enum Clearing
{
    OutcomeStops,
    Person,
}

/// <summary>A number of calendar days, or of business days in the policy's calendar.</summary>
public sealed record DayCount(int Days, bool Business);
