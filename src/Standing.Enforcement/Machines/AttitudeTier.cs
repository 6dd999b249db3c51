namespace Standing.Enforcement.Machines;

/// <summary>
/// Kuaishou's service-attitude penalty tiers (docs/standards/kuaishou.md): what each brings and the fine range
/// (CNY) within which the operator decides the amount; minor has no fine.
/// </summary>
public sealed record AttitudeTier(string Outcome, int Severity, string Penalty, decimal? FineMin, decimal? FineMax)
{
    public static readonly IReadOnlyList<AttitudeTier> All =
    [
        new("attitude_minor", 1, "warning, mandatory training and an exam", null, null),
        new("attitude_serious", 2, "warning, an exam and a fine of 100–300 CNY", 100, 300),
        new("attitude_very_serious", 3, "warning, an exam and a fine of 500–1000 CNY", 500, 1000),
    ];

    public static AttitudeTier? Of(string outcome) => All.FirstOrDefault(t => t.Outcome == outcome);
}
