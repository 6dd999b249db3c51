using System.Text.Json;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Documents;

/// <summary>
/// The explanation document (<c>standing explain --format json</c>, docs/schemas/explanation.schema.json):
/// the evaluation document of one seller with each metric's "summary", "items", "excluded_by_disputes" and "forecast".
/// </summary>
public static class ExplanationDocument
{
    public static void Write(Stream stream, PolicyEvaluation evaluation, IReadOnlyList<Dispute> disputes, SellerFacts? facts, SellerForecast? forecast = null) =>
        EvaluationDocument.Write(stream, [evaluation], explain: true,
            metricExtras: (json, m) =>
            {
                WriteExcludedByDisputes(json, evaluation, m, disputes, facts);
                WriteForecast(json, evaluation, m, forecast);
            });

    /// <summary>The metric's forecast as its field <c>forecast</c> (recovery, error budget, items leaving; the days are in <c>standing forecast</c>).</summary>
    public static void WriteForecast(Utf8JsonWriter json, PolicyEvaluation evaluation, MetricResult metric, SellerForecast? forecast)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(metric);
        if (forecast?.Metrics.FirstOrDefault(f => f.Id == metric.Id) is not { } m) return;
        json.WriteStartObject("forecast");
        ForecastDocument.WriteForecast(json, m, evaluation.Policy.Zone, days: false);
        json.WriteEndObject();
    }

    /// <summary>
    /// The items accepted disputes took out of the metric, as its field <c>excluded_by_disputes</c>: per
    /// item the dispute, who accepted it and when, the operator's note and the seller's reason.
    /// </summary>
    public static void WriteExcludedByDisputes(Utf8JsonWriter json, PolicyEvaluation evaluation, MetricResult metric, IReadOnlyList<Dispute> disputes, SellerFacts? facts)
    {
        var zone = evaluation.Policy.Zone;
        json.WriteStartArray("excluded_by_disputes");
        foreach (var x in DisputeExclusion.Excluded(evaluation.Policy, metric.Definition, disputes, evaluation.AsOf, facts))
        {
            json.WriteStartObject();
            json.WriteString("item", x.Item);
            json.WriteString("dispute", x.Id);
            json.WriteString("accepted_by", x.DecidedBy);
            json.WriteString("accepted_at", DocumentText.Instant(x.DecidedAt!.Value, zone));
            json.WriteString("note", x.Note);
            json.WriteString("reason", x.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
