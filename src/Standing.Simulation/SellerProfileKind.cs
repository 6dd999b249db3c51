namespace Standing.Simulation;

/// <summary>How well a simulated seller behaves.</summary>
public enum SellerProfileKind
{
    /// <summary>Comfortably inside every standard.</summary>
    Good,

    /// <summary>Around the thresholds: passes some evaluations and fails others.</summary>
    Borderline,

    /// <summary>Breaches several standards.</summary>
    Failing,
}
