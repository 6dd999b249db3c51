namespace Standing.Enforcement.Cases;

/// <summary>The kinds of enforcement case.</summary>
public static class CaseKinds
{
    /// <summary>Congocrea's automatic customer-service warning, with the performance summary.</summary>
    public const string Warning = "warning";
    /// <summary>A proposal to suspend the seller that only a person confirms or dismisses.</summary>
    public const string SuspensionProposal = "suspension_proposal";
    /// <summary>Prom.ua: the seller's products are out of the catalog until a re-check reinstates them.</summary>
    public const string CatalogExclusion = "catalog_exclusion";
    /// <summary>Prom.ua: a seller's improvement letter the operator must answer within the deadline.</summary>
    public const string Letter = "letter";
    /// <summary>Douyin: no platform activities until the next passing half-month assessment.</summary>
    public const string ActivityRestriction = "activity_restriction";
    /// <summary>E-confiance: the trust badge, held while the index stays at or above the threshold.</summary>
    public const string TrustBadge = "trust_badge";
    /// <summary>
    /// Kuaishou: a violation record for one metric's violation-handling threshold; the case's kind is
    /// the outcome id itself (<c>violation_&lt;metric&gt;</c>), this is their family.
    /// </summary>
    public const string Violation = "violation";
    /// <summary>
    /// Kuaishou: the penalty of a month's service-attitude tier; the case's kind is the tier's outcome
    /// id (<c>attitude_minor|attitude_serious|attitude_very_serious</c>), this is their family.
    /// </summary>
    public const string AttitudePenalty = "attitude_penalty";

    /// <summary>The family of a kind: <see cref="Violation"/> or <see cref="AttitudePenalty"/> for Kuaishou's outcome-named kinds, else the kind.</summary>
    public static string Family(string kind) =>
        kind.StartsWith("violation_", StringComparison.Ordinal) ? Violation
        : kind.StartsWith("attitude_", StringComparison.Ordinal) ? AttitudePenalty
        : kind;
}
