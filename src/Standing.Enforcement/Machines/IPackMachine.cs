using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Carries one seller's cases under one policy forward to a run's as-of. A machine must be
/// idempotent: advancing again with the same input changes nothing (its cases say what was done).
/// </summary>
public interface IPackMachine
{
    /// <summary>The policy id whose outcomes drive the machine.</summary>
    string Policy { get; }

    void Advance(MachineInput input, CaseBook book);

    /// <summary>
    /// Whether advancing a seller with no case of the policy, no dispute and no outcome triggered never changes its
    /// book: then a run that judged every seller from a peer pool reads the facts of the other sellers only.
    /// </summary>
    bool IdleWithoutCasesOrOutcomes => false;
}
