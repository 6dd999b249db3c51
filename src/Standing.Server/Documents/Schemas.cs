using System.Text.Json;
using System.Text.Json.Serialization;

namespace Standing.Server.Documents;

/// <summary>
/// The shapes of the documents the CLI's writers produce, for the OpenAPI document only (the answers
/// are written by those writers, not serialized from these). A test reads live answers and checks
/// every member they hold is described here, so the two cannot drift apart unnoticed.
/// </summary>
public static class Schemas
{
    /// <summary><c>evaluate --format json</c> (and <c>explain</c>, whose metrics add items).</summary>
    public sealed record EvaluationDocument(
        PolicyRef Policy,
        [property: JsonPropertyName("as_of")] string AsOf,
        IReadOnlyList<SellerStanding> Sellers);

    public sealed record PolicyRef(string Id, string Version, [property: JsonPropertyName("time_zone")] string TimeZone);

    public sealed record SellerStanding(string Seller, IReadOnlyList<MetricDocument> Metrics, IReadOnlyList<OutcomeDocument> Outcomes, IReadOnlyList<JsonElement>? Agents = null);

    public sealed record MetricDocument(
        string Id, double? Value, long Numerator, long Denominator, long Pending, string Status, string Unit, WindowDocument Window,
        double? Percentile = null, double? PValue = null, double? PeerRate = null, IReadOnlyList<ItemDocument>? Items = null, IReadOnlyList<ExcludedDocument>? ExcludedByDisputes = null, JsonElement? Summary = null,
        MetricForecastDocument? Forecast = null, GuardDocument? Guard = null);

    /// <summary>A statistical guard's reading: the Wilson interval or the beta-binomial posterior, the value judged, the raw status and whether the guard changed it.</summary>
    public sealed record GuardDocument(
        string Method, double? Confidence, double? Low, double? High, [property: JsonPropertyName("prior_alpha")] double? PriorAlpha, [property: JsonPropertyName("prior_beta")] double? PriorBeta,
        [property: JsonPropertyName("judged_value")] double JudgedValue, [property: JsonPropertyName("raw_status")] string RawStatus, [property: JsonPropertyName("changed_verdict")] bool ChangedVerdict);

    public sealed record WindowDocument(string? Start, string End, AdaptiveDocument? Adaptive = null);

    /// <summary>A volume-adaptive window: the days used, whether extended, the base window's count and the rule.</summary>
    public sealed record AdaptiveDocument(int Days, bool Extended, long BaseCount, int WhenFewerThan, string Reason);

    /// <summary>A metric's forecast (docs/foresight.md): volume of now, time to recovery, error budget, defects leaving the window.</summary>
    public sealed record MetricForecastDocument(double DailyVolume, RecoveryDocument Recovery, ErrorBudgetDocument ErrorBudget, IReadOnlyList<LeavingDocument> Leaving, string? NotForecast = null);

    /// <summary>kind: already_good, recovers, not_within_horizon, insufficient_data or not_forecast.</summary>
    public sealed record RecoveryDocument(string Kind, string? Date, int? Days);

    public sealed record ErrorBudgetDocument(long? Defects, string Reason);

    public sealed record LeavingDocument(string Date, int Items, IReadOnlyList<string> Defects);

    public sealed record ItemDocument(string Id, string Role, string Reason);

    public sealed record ExcludedDocument(string Item, string Dispute, string AcceptedBy, string AcceptedAt, string Note, string Reason);

    public sealed record OutcomeDocument(string Id, string Outcome, bool Triggered, string Reason, bool? Award = null, string? Rule = null, string? Tier = null, string? Penalty = null, FineDocument? Fine = null, string? Version = null);

    public sealed record FineDocument(decimal Min, decimal Max, string Currency);

    /// <summary><c>cases list|show --format json</c>: show adds the audit trail and the notices.</summary>
    public sealed record CaseDocument(
        string Id, string Seller, string Policy, string Kind, string State, string OpenedAt, string? DueAt, string? ClosedAt, string UpdatedAt,
        bool Open, bool AwaitingPerson, IReadOnlyList<string> AllowedDecisions, IReadOnlyDictionary<string, string> Data,
        IReadOnlyList<AuditDocument>? Audit = null, IReadOnlyList<NoticeDocument>? Notices = null);

    public sealed record AuditDocument(int Seq, string At, string Actor, string Action, string? From, string To, string Reason, IReadOnlyList<SnapshotDocument> Snapshot);

    public sealed record SnapshotDocument(string Metric, double? Value, long Numerator, long Denominator, string Status, string? WindowStart, string WindowEnd);

    /// <summary>A notice as the outbox delivers it.</summary>
    public sealed record NoticeDocument(string Id, string Seller, string Marketplace, string Policy, string Case, string Kind, string Audience, string At, string Title,
        IReadOnlyList<string> Lines, IReadOnlyList<SnapshotDocument> Metrics, IReadOnlyList<string> Items);

    public sealed record NoticesFeed(IReadOnlyList<NoticeDocument> Notices, string? NextCursor);
}
