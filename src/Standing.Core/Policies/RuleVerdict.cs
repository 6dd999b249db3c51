namespace Standing.Core.Policies;

/// <summary>A rule's outcome for one seller, with the reason in words.</summary>
/// <remarks>
/// The reason may be worded only when first read (<see cref="RuleVerdict(string, string, bool, Func{string})"/>):
/// an evaluation judges every rule of every seller, but few reasons are ever shown (a case opened, a report's
/// line), and wording them all was about a tenth of a backtest's time (docs/performance.md, "Reasons worded
/// when read"). Equality and the text are the same either way.
/// </remarks>
public sealed record RuleVerdict(string Id, string Outcome, bool Triggered, string Reason)
{
    // Words the reason on first read (null when given worded; kept after, as clearing it would race a reader).
    // Pure, so a race words it twice alike.
    private Func<string>? _wording;
    private string? _reason = Reason;

    /// <summary>A verdict whose reason is worded by <paramref name="wording"/> when first read (a pure function).</summary>
    internal RuleVerdict(string id, string outcome, bool triggered, Func<string> wording)
        : this(id, outcome, triggered, Reason: null!) => _wording = wording;

    public string Reason
    {
        get
        {
            if (_reason is { } worded) return worded;
            var reason = _wording!();
            _reason = reason;
            return reason;
        }
        init
        {
            _reason = value;
            _wording = null;
        }
    }

    /// <summary>The rule this verdict comes from (differs from <see cref="Id"/> for a tier).</summary>
    public string Rule { get; init; } = Id;
    public string? Tier { get; init; }
    public string? Penalty { get; init; }
    public FineRange? Fine { get; init; }
    /// <summary>The effective date of the rule version that was applied; null for an unversioned rule.</summary>
    public NodaTime.LocalDate? Version { get; init; }
    /// <summary>The outcome is earned (a badge), not a sanction.</summary>
    public bool Award { get; init; }

    // By what the verdict says, whether its reason is worded yet or not (not by how it will be worded).
    public bool Equals(RuleVerdict? other) =>
        other is not null && (ReferenceEquals(this, other) || (Id == other.Id && Outcome == other.Outcome && Triggered == other.Triggered
            && Reason == other.Reason && Rule == other.Rule && Tier == other.Tier && Penalty == other.Penalty && Equals(Fine, other.Fine)
            && Version == other.Version && Award == other.Award));

    public override int GetHashCode() => HashCode.Combine(Id, Outcome, Triggered, Reason, Rule, Tier, Version, Award);
}
