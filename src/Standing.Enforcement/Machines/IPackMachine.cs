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
}
