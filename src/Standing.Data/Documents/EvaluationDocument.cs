using System.Globalization;
using System.Text.Json;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Scorecards;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON document of <c>standing evaluate|explain --format json</c> (docs/schemas/evaluation.schema.json,
/// docs/schemas/explanation.schema.json). Its field names are a contract other tools read, snake_case as
/// the event format: policy{id,version,time_zone}, as_of, sellers[{seller, metrics[{id,value,numerator,
/// denominator,pending,status,unit,window{start,end[,adaptive]}}], outcomes[{id,outcome,triggered,reason}]}]. Fields may be added, never renamed:
/// peer standards add percentile, p_value and peer_rate; a guarded metric adds guard; tiers and versions add rule, tier, penalty, fine, version;
/// a policy with an agent scorecard adds each seller's "agents"; explain adds each metric's "items" and
/// "excluded_by_disputes".
/// </summary>
public static class EvaluationDocument
{
    /// <param name="metricExtras">writes more fields into each metric's object (explain adds the items of accepted disputes)</param>
    public static void Write(Stream stream, IReadOnlyList<PolicyEvaluation> evaluations, bool explain, Action<Utf8JsonWriter, MetricResult>? metricExtras = null)
    {
        using var json = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        if (evaluations.Count == 1)
        {
            WriteOne(json, evaluations[0], explain, metricExtras);
        }
        else
        {
            json.WriteStartArray();
            foreach (var e in evaluations) WriteOne(json, e, explain, metricExtras);
            json.WriteEndArray();
        }
    }

    private static void WriteOne(Utf8JsonWriter json, PolicyEvaluation evaluation, bool explain, Action<Utf8JsonWriter, MetricResult>? metricExtras)
    {
        var zone = evaluation.Policy.Zone;
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", evaluation.Policy.Id);
        json.WriteString("version", evaluation.Policy.Version);
        json.WriteString("time_zone", zone.Id);
        json.WriteEndObject();
        json.WriteString("as_of", DocumentText.Instant(evaluation.AsOf, zone));
        json.WriteStartArray("sellers");
        foreach (var seller in evaluation.Sellers)
        {
            json.WriteStartObject();
            json.WriteString("seller", seller.Seller);
            json.WriteStartArray("metrics");
            foreach (var m in seller.Metrics) WriteMetric(json, m, zone, explain, metricExtras);
            json.WriteEndArray();
            json.WriteStartArray("outcomes");
            foreach (var o in seller.Outcomes)
            {
                json.WriteStartObject();
                json.WriteString("id", o.Id);
                json.WriteString("outcome", o.Outcome);
                json.WriteBoolean("triggered", o.Triggered);
                json.WriteString("reason", o.Reason);
                if (o.Award) json.WriteBoolean("award", true);
                if (o.Rule != o.Id) json.WriteString("rule", o.Rule);
                if (o.Tier is { } tier) json.WriteString("tier", tier);
                if (o.Penalty is { } penalty) json.WriteString("penalty", penalty);
                if (o.Fine is { } fine)
                {
                    json.WriteStartObject("fine");
                    json.WriteNumber("min", fine.Min);
                    json.WriteNumber("max", fine.Max);
                    json.WriteString("currency", fine.Currency);
                    json.WriteEndObject();
                }
                if (o.Version is { } version) json.WriteString("version", version.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (evaluation.Policy.Scorecard is not null) WriteAgents(json, seller.Agents, zone, explain);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Per agent: sessions, response times (seconds on the shift clock) with their status, satisfaction, conversion.</summary>
    private static void WriteAgents(Utf8JsonWriter json, IReadOnlyList<AgentScore> agents, NodaTime.DateTimeZone zone, bool explain)
    {
        json.WriteStartArray("agents");
        foreach (var a in agents)
        {
            json.WriteStartObject();
            json.WriteString("agent", a.Agent);
            json.WriteNumber("sessions", a.Sessions);
            Number(json, "first_response_seconds", a.FirstResponseSeconds);
            json.WriteString("first_response_status", a.FirstResponseStatus.Wire());
            json.WriteNumber("first_responses", a.FirstResponses);
            Number(json, "avg_response_seconds", a.AvgResponseSeconds);
            json.WriteString("avg_response_status", a.AvgResponseStatus.Wire());
            json.WriteNumber("responses", a.Responses);
            Number(json, "satisfaction", a.Satisfaction);
            json.WriteNumber("satisfied", a.Satisfied);
            json.WriteNumber("rated", a.Rated);
            Number(json, "conversion", a.Conversion);
            json.WriteNumber("converted", a.Converted);
            json.WriteStartObject("window");
            if (a.Window.Start is { } start) json.WriteString("start", DocumentText.Instant(start, zone));
            else json.WriteNull("start");
            json.WriteString("end", DocumentText.Instant(a.Window.End, zone));
            json.WriteEndObject();
            if (explain)
            {
                json.WriteStartArray("items");
                foreach (var item in a.Items) json.WriteStringValue(item);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value) => DocumentText.WriteNumber(json, name, value);

    private static void WriteMetric(Utf8JsonWriter json, MetricResult m, NodaTime.DateTimeZone zone, bool explain, Action<Utf8JsonWriter, MetricResult>? metricExtras)
    {
        json.WriteStartObject();
        json.WriteString("id", m.Id);
        Number(json, "value", m.Value);
        json.WriteNumber("numerator", m.Numerator);
        json.WriteNumber("denominator", m.Denominator);
        json.WriteNumber("pending", m.Pending);
        json.WriteString("status", m.Status.Wire());
        json.WriteString("unit", m.Definition.Unit);
        json.WriteStartObject("window");
        if (m.Window.Start is { } start) json.WriteString("start", DocumentText.Instant(start, zone));
        else json.WriteNull("start");
        json.WriteString("end", DocumentText.Instant(m.Window.End, zone));
        if (m.WindowChoice is { } choice && m.Definition.Window is AdaptiveWindow adaptive)
        {
            json.WriteStartObject("adaptive");
            json.WriteNumber("days", choice.Used.Days);
            json.WriteBoolean("extended", choice.Extended);
            json.WriteNumber("base_count", choice.BaseCount);
            json.WriteNumber("when_fewer_than", adaptive.WhenFewerThan);
            json.WriteString("reason", choice.Reason(adaptive));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (m.Percentile is { } percentile) json.WriteNumber("percentile", Math.Round(percentile, 10));
        if (m.PValue is { } p) json.WriteNumber("p_value", p); // tiny p-values keep their digits
        if (m.PeerRate is { } peerRate) json.WriteNumber("peer_rate", Math.Round(peerRate, 10));
        if (m.Guard is { } guard) WriteGuard(json, m, guard);
        if (explain)
        {
            WriteSummary(json, m);
            json.WriteStartArray("items");
            foreach (var item in m.Items)
            {
                json.WriteStartObject();
                json.WriteString("id", item.Id);
                json.WriteString("role", item.Role.ToString().ToLowerInvariant());
                json.WriteString("reason", item.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        metricExtras?.Invoke(json, m);
        json.WriteEndObject();
    }

    /// <summary>A guard's reading beside the raw value: {"method","confidence","low","high"} (Wilson) or {"method","prior_alpha","prior_beta"} (beta-binomial), then "judged_value", "raw_status", "changed_verdict".</summary>
    internal static void WriteGuard(Utf8JsonWriter json, MetricResult m, GuardReading guard)
    {
        json.WriteStartObject("guard");
        json.WriteString("method", guard.Guard.Wire);
        if (guard.Guard.Method == GuardMethod.Wilson) json.WriteNumber("confidence", guard.Guard.Confidence);
        if (guard.Low is { } low) json.WriteNumber("low", Math.Round(low, 10));
        if (guard.High is { } high) json.WriteNumber("high", Math.Round(high, 10));
        if (guard.PriorAlpha is { } alpha) json.WriteNumber("prior_alpha", Math.Round(alpha, 10));
        if (guard.PriorBeta is { } beta) json.WriteNumber("prior_beta", Math.Round(beta, 10));
        json.WriteNumber("judged_value", Math.Round(guard.JudgedValue, 10));
        json.WriteString("raw_status", guard.RawStatus.Wire());
        json.WriteBoolean("changed_verdict", m.GuardChangedVerdict);
        json.WriteEndObject();
    }

    /// <summary>What counted, what was left out and why (reasons grouped), what is pending: the part of an explanation read first.</summary>
    private static void WriteSummary(Utf8JsonWriter json, MetricResult m)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("counted", m.Items.Count(i => i.Role == ItemRole.Numerator));
        json.WriteNumber("denominator_only", m.Items.Count(i => i.Role == ItemRole.Denominator));
        json.WriteNumber("pending", m.Items.Count(i => i.Role == ItemRole.Pending));
        json.WriteStartArray("excluded");
        foreach (var (reason, count) in ItemSummary.ExcludedByReason(m))
        {
            json.WriteStartObject();
            json.WriteString("reason", reason);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
