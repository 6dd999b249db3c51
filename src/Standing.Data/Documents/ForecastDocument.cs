using System.Globalization;
using System.Text.Json;
using NodaTime;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Data.Documents;

/// <summary>
/// The forecast document (<c>standing forecast --format json</c>, docs/schemas/forecast.schema.json):
/// policy, as_of, seller, days and per metric its value now, daily_volume, recovery {kind, date, days},
/// error_budget {defects, reason}, leaving [{date, items, defects}] and days [{date, value, numerator,
/// denominator, assumed, status, window}]; <c>not_forecast</c> says why a metric has none. <c>explain
/// --format json</c> carries the same per-metric object as each metric's "forecast".
/// </summary>
public static class ForecastDocument
{
    public static void Write(Stream stream, Policy policy, SellerForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(forecast);
        var zone = policy.Zone;
        using var json = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", policy.Id);
        json.WriteString("version", policy.Version);
        json.WriteString("time_zone", zone.Id);
        json.WriteEndObject();
        json.WriteString("as_of", DocumentText.Instant(forecast.AsOf, zone));
        json.WriteString("seller", forecast.Seller);
        json.WriteNumber("days", forecast.Days);
        json.WriteStartArray("metrics");
        foreach (var m in forecast.Metrics)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            DocumentText.WriteNumber(json, "value", m.Now.Value);
            json.WriteNumber("numerator", m.Now.Numerator);
            json.WriteNumber("denominator", m.Now.Denominator);
            json.WriteString("status", m.Now.Status.Wire());
            // A guarded rate's status is its guard's: the reading beside it, as in the evaluation's documents.
            if (m.Now.Guard is { } guard) EvaluationDocument.WriteGuard(json, m.Now, guard);
            json.WriteString("unit", m.Now.Definition.Unit);
            WriteWindow(json, "window", m.Now.Window, zone);
            WriteForecast(json, m, zone, days: true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The forecast fields of one metric, into the metric's object (explain leaves out the days).</summary>
    public static void WriteForecast(Utf8JsonWriter json, MetricForecast m, DateTimeZone zone, bool days)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(m);
        if (m.NotForecast is { } why) json.WriteString("not_forecast", why);
        json.WriteNumber("daily_volume", Math.Round(m.DailyVolume, 6));
        json.WriteStartObject("recovery");
        json.WriteString("kind", DocumentText.Wire(m.Recovery.Kind));
        if (m.Recovery.Date is { } date) json.WriteString("date", Date(date));
        else json.WriteNull("date");
        if (m.Recovery.Days is { } n) json.WriteNumber("days", n);
        else json.WriteNull("days");
        json.WriteEndObject();
        json.WriteStartObject("error_budget");
        if (m.Budget.Defects is { } defects) json.WriteNumber("defects", defects);
        else json.WriteNull("defects");
        json.WriteString("reason", m.Budget.Reason);
        json.WriteEndObject();
        json.WriteStartArray("leaving");
        foreach (var l in m.Leaving)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(l.Date));
            json.WriteNumber("items", l.Items);
            json.WriteStartArray("defects");
            foreach (var id in l.Defects) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (!days) return;
        json.WriteStartArray("days");
        foreach (var d in m.Days)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(d.Date));
            DocumentText.WriteNumber(json, "value", d.Value);
            json.WriteNumber("numerator", d.Numerator);
            json.WriteNumber("denominator", d.Denominator);
            json.WriteNumber("assumed", d.Assumed);
            json.WriteString("status", d.Status.Wire());
            WriteWindow(json, "window", d.Window, zone);
            if (d.Extended is { } extended) json.WriteBoolean("extended", extended);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteWindow(Utf8JsonWriter json, string name, TimeWindow window, DateTimeZone zone)
    {
        json.WriteStartObject(name);
        if (window.Start is { } start) json.WriteString("start", DocumentText.Instant(start, zone));
        else json.WriteNull("start");
        json.WriteString("end", DocumentText.Instant(window.End, zone));
        json.WriteEndObject();
    }

    private static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
