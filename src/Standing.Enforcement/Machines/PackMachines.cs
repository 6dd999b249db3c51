namespace Standing.Enforcement.Machines;

/// <summary>The machine of each policy id that has enforcement; a policy without one is evaluated for nothing.</summary>
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
}
