using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;

namespace Standing.Enforcement.Machines;

/// <summary>
/// What a machine sees for one seller at one run: the policy, the as-of instant, the seller's
/// evaluation, its facts and its raw events (those before as-of). <see cref="Explained"/> evaluates
/// again with the items that counted, only when a notice needs them.
/// </summary>
public sealed record MachineInput
{
    public required Policy Policy { get; init; }
    public required Instant AsOf { get; init; }
    public required SellerEvaluation Evaluation { get; init; }
    public SellerFacts? Facts { get; init; }
    public IReadOnlyList<StandingEvent> Events { get; init; } = [];
    public Func<SellerEvaluation>? Explained { get; init; }

    /// <summary>The as-of of the policy's run before this one on the store; null for the first run.</summary>
    public Instant? PreviousRun { get; init; }

    public RuleVerdict? Outcome(string outcome) =>
        Evaluation.Outcomes.FirstOrDefault(o => o.Outcome == outcome);

    public bool Triggered(string outcome) => Outcome(outcome)?.Triggered == true;

    /// <summary>A numeric setting of the policy, or the documented default when the policy does not set it.</summary>
    public double Setting(string name, double fallback) =>
        Policy.Settings.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>
    /// A setting as the case keeps it from its opening (<see cref="KeepSettings"/>): a policy changed while the
    /// case is open does not change how it ends. A case opened before settings were kept reads the policy's.
    /// </summary>
    public double Setting(Cases.EnforcementCase kept, string name, double fallback) =>
        kept.GetNumber(SettingKey + name) ?? Setting(name, fallback);

    /// <summary>Records on a case being opened the settings its machine reads while it is open.</summary>
    public Cases.EnforcementCase KeepSettings(Cases.EnforcementCase opening, params (string Name, double Fallback)[] settings) =>
        settings.Aggregate(opening, (c, s) => c.With(SettingKey + s.Name, Setting(s.Name, s.Fallback)));

    private const string SettingKey = "setting_";

    /// <summary>
    /// Records on a case being opened what the notices of a person's later decision need, made without the
    /// seller's facts or the run's policy at hand: the seller's language and where the policy was read from.
    /// </summary>
    public Cases.EnforcementCase Recorded(Cases.EnforcementCase opening)
    {
        var c = Policy.Source.Length > 0 && opening.Get(CaseRules.PolicySource) is null ? opening.With(CaseRules.PolicySource, Policy.Source) : opening;
        return Facts?.Language is { } language ? c.With(CaseRules.LanguageKey, language) : c;
    }
}
