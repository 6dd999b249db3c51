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
    /// <summary>Kuaishou: a violation record for one metric's violation-handling threshold.</summary>
    public const string Violation = "violation";
    /// <summary>Kuaishou: the penalty of a month's service-attitude bad-review rate tier.</summary>
    public const string AttitudePenalty = "attitude_penalty";
}
