namespace Standing.Core.Policies;

/// <summary>A rule's outcome for one seller, with the reason in words.</summary>
public sealed record RuleVerdict(string Id, string Outcome, bool Triggered, string Reason)
{
    /// <summary>The rule this verdict comes from (differs from <see cref="Id"/> for a tier).</summary>
    public string Rule { get; init; } = Id;
    public string? Tier { get; init; }
    public string? Penalty { get; init; }
    public FineRange? Fine { get; init; }
    /// <summary>The effective date of the rule version that was applied; null for an unversioned rule.</summary>
    public NodaTime.LocalDate? Version { get; init; }
    /// <summary>The outcome is earned (a badge), not a sanction.</summary>
    public bool Award { get; init; }
}
