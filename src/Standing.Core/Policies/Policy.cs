using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Metrics;

namespace Standing.Core.Policies;

/// <summary>
/// A marketplace standard as Standing runs it: versioned, in one time zone and calendar, with its
/// metrics, the rules that turn them into outcomes, and the guidance shown to sellers.
/// </summary>
public sealed record Policy
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    /// <summary>The name in English.</summary>
    public required string Name { get; init; }
    /// <summary>The name by language code (<c>en</c> is <see cref="Name"/>), in the languages the policy gives it.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The name in a language (a primary code: <c>uk</c>, <c>zh</c>), else the English one.</summary>
    public string NameIn(string language) => Names.TryGetValue(language, out var name) ? name : Name;
    public string Description { get; init; } = "";
    public required LocalDate EffectiveFrom { get; init; }
    public required BusinessCalendar Calendar { get; init; }
    public DateTimeZone Zone => Calendar.Zone;
    public required IReadOnlyList<MetricDefinition> Metrics { get; init; }
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
    /// <summary>The guidance shown to sellers, in English.</summary>
    public IReadOnlyList<string> Guidance { get; init; } = [];
    /// <summary>The guidance in other languages (a primary language code: <c>fr</c>, <c>zh</c>), when the policy gives it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GuidanceTranslations { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The guidance in a language, else the English one.</summary>
    public IReadOnlyList<string> GuidanceIn(string language) =>
        GuidanceTranslations.TryGetValue(language, out var guidance) ? guidance : Guidance;
    /// <summary>Settings the source standard does not give, chosen by Standing; shown to users as defaults.</summary>
    public IReadOnlyList<PolicyDefault> Defaults { get; init; } = [];
    /// <summary>Readings chosen where the source is vague.</summary>
    public IReadOnlyList<string> Readings { get; init; } = [];
    /// <summary>Named numeric settings for enforcement (e.g. early re-evaluation), with documented meaning.</summary>
    public IReadOnlyDictionary<string, double> Settings { get; init; } = new Dictionary<string, double>();
    /// <summary>The keyword table that groups negative reviews by root cause; null when the policy has none.</summary>
    public RootCauseTable? RootCauses { get; init; }
    /// <summary>Scores the seller's own agents (Tmall's scorecard); null when the policy has none.</summary>
    public Scorecards.AgentScorecardSpec? Scorecard { get; init; }
    /// <summary>What the policy's outcomes do to a seller (its <c>enforcement</c> section); null when it has none.</summary>
    public Enforcement.EnforcementSpec? Enforcement { get; init; }
    /// <summary>The texts of the notices a pack's C# machine sends, by notice kind (the top-level <c>notices</c>).</summary>
    public IReadOnlyList<Enforcement.MachineNotice> Notices { get; init; } = [];
    /// <summary>Where the policy was loaded from ("built-in" or a file path).</summary>
    public string Source { get; init; } = "";
}

public sealed record PolicyDefault(string Setting, string Note);
