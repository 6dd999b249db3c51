using NodaTime;

namespace Standing.Enforcement.Cases;

/// <summary>
/// One enforcement case of one seller under one policy (a warning, an exclusion, a restriction…):
/// its current state and the facts its machine needs to carry it forward. Every change of a case is
/// recorded as an <see cref="AuditEntry"/>; the case row is the latest state.
/// </summary>
public sealed record EnforcementCase
{
    public required string Id { get; init; }
    public required string Seller { get; init; }
    public required string Policy { get; init; }
    /// <summary>What the case is (<see cref="CaseKinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>Where it stands (<see cref="CaseStates"/>).</summary>
    public required string State { get; init; }
    public required Instant OpenedAt { get; init; }
    /// <summary>The next thing due: a re-check, a re-evaluation, an answer deadline; null when nothing is scheduled.</summary>
    public Instant? DueAt { get; init; }
    /// <summary>When the case reached a final state; null while it is open.</summary>
    public Instant? ClosedAt { get; init; }
    public required Instant UpdatedAt { get; init; }
    /// <summary>Kind-specific values (the ODR at the last evaluation, the rating at exclusion, a fine range…), as text.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>How many audit entries the case has; the next one gets this number plus one.</summary>
    public int AuditCount { get; init; }

    public bool IsOpen => ClosedAt is null;

    /// <summary>Data key of the version of the policy the case was opened under.</summary>
    public const string PolicyVersionKey = "policy_version";

    public string? Get(string key) => Data.TryGetValue(key, out var v) ? v : null;

    public double? GetNumber(string key) =>
        Get(key) is { } v && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    public EnforcementCase With(string key, string value)
    {
        var data = new Dictionary<string, string>(Data, StringComparer.Ordinal) { [key] = value };
        return this with { Data = data };
    }

    /// <summary>Sets a measured number, or removes the key when there is none: a missing value is never stored as 0.</summary>
    public EnforcementCase WithNumber(string key, double? value) => value is { } v ? With(key, v) : Without(key);

    public EnforcementCase Without(string key)
    {
        if (!Data.ContainsKey(key)) return this;
        var data = new Dictionary<string, string>(Data, StringComparer.Ordinal);
        data.Remove(key);
        return this with { Data = data };
    }

    public EnforcementCase With(string key, double value) =>
        With(key, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
