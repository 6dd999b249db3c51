using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Enforcement.Tests.Support;

/// <summary>Hand-made policies and evaluations for the machines whose packs live elsewhere.</summary>
internal static class HandMade
{
    public static Policy Policy(string id, IReadOnlyList<MetricDefinition>? metrics = null, IReadOnlyDictionary<string, double>? settings = null) => new()
    {
        Id = id,
        Version = "test",
        Name = id + " (hand-made)",
        EffectiveFrom = new LocalDate(2024, 1, 1),
        Calendar = new BusinessCalendar(DateTimeZone.Utc, WorkingHours.AllDay, NoHolidays.Instance),
        Metrics = metrics ?? [],
        Settings = settings ?? new Dictionary<string, double>(),
    };

    public static MetricDefinition Metric(string id, WindowSpec? window = null) => new()
    {
        Id = id,
        Title = id,
        Kind = MetricKind.Rate,
        Subject = Subject.Orders,
        Window = window ?? new RollingWindow(30),
        AttributeBy = FactFields.Orders["placed_at"],
    };

    public static MetricResult Result(MetricDefinition definition, double? value, MetricStatus status, Instant? start, Instant end) => new()
    {
        Definition = definition,
        Value = value,
        Numerator = 1,
        Denominator = 10,
        Status = status,
        Window = new TimeWindow(start, end),
    };

    public static SellerEvaluation Evaluation(string seller, IReadOnlyList<MetricResult> metrics, params (string Outcome, bool Triggered)[] outcomes) =>
        new(seller, metrics, outcomes.Select(o => new RuleVerdict(o.Outcome, o.Outcome, o.Triggered, $"{o.Outcome} {(o.Triggered ? "held" : "did not hold")} (hand-made)")).ToList());

    public static Instant Day(int year, int month, int day) => Instant.FromUtc(year, month, day, 0, 0);
}
