namespace Standing.Enforcement.Machines;

/// <summary>
/// The machine that enforces a policy: its own <c>enforcement</c> section when it has one, else the C#
/// machine of a built-in pack id for what the section's vocabulary cannot say (docs/enforcement.md);
/// null when the policy has neither (it is evaluated and reported, nothing enforced).
/// </summary>
public static class PackMachines
{
    private static readonly IPackMachine[] All =
    [
        new CongocreaMachine(),
        new CatalogExclusionMachine(),
        new ActivityRestrictionMachine(),
        new TrustBadgeMachine(),
        new KuaishouMachine(),
    ];

    public static IReadOnlyList<string> Policies { get; } = All.Select(m => m.Policy).ToArray();

    public static IPackMachine? For(string policy) => Array.Find(All, m => m.Policy == policy);

    public static IPackMachine? For(Core.Policies.Policy policy) =>
        policy.Enforcement is not null ? new PolicyMachine(policy.Id) : For(policy.Id);
}
