namespace Standing.Core.Policies;

/// <summary>The same policy with every statistical guard taken off: the baseline a guard is compared with.</summary>
public static class Unguarded
{
    public static bool HasGuards(Policy policy) =>
        policy?.Metrics.Any(m => m.Standard?.Guard is not null) ?? throw new ArgumentNullException(nameof(policy));

    public static Policy Of(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with
        {
            Version = policy.Version + " without guards",
            Metrics = policy.Metrics.Select(m => m.Standard is { Guard: not null } s ? m with { Standard = s with { Guard = null } } : m).ToList(),
        };
    }
}
