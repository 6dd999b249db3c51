using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Backtests;

/// <summary>
/// The action a case stands for, in the words a rule change is discussed in: a warning, a restriction,
/// an exclusion, a fine, a suspension proposal. Kinds outside these keep their own name (a violation
/// record, a badge, a letter, a policy's own kinds).
/// </summary>
public static class BacktestActions
{
    public static string Of(string kind) => CaseKinds.Family(kind) switch
    {
        CaseKinds.ActivityRestriction => "restriction",
        CaseKinds.CatalogExclusion => "exclusion",
        CaseKinds.AttitudePenalty => "fine",
        var family => family,
    };

    /// <summary>An action earned, not suffered (a trust badge): it is no one's first sanction.</summary>
    public static bool IsAward(string action) => action == CaseKinds.TrustBadge;
}
