using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>The JSON forms the store keeps: case data, metric snapshots and notice bodies.</summary>
public static class EnforcementJson
{
    public static string Instant(Instant at) => InstantPattern.ExtendedIso.Format(at);

    public static Instant ParseInstant(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    public static string Data(IReadOnlyDictionary<string, string> data) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(data.ToDictionary(), StringComparer.Ordinal));

    public static Dictionary<string, string> ParseData(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal);

    public static string Snapshot(IReadOnlyList<MetricSnapshot> snapshot) => Write(w => WriteSnapshot(w, snapshot));

    public static IReadOnlyList<MetricSnapshot> ParseSnapshot(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => new MetricSnapshot(
            e.GetProperty("metric").GetString()!,
            e.GetProperty("value").ValueKind == JsonValueKind.Null ? null : e.GetProperty("value").GetDouble(),
            e.GetProperty("numerator").GetInt64(),
            e.GetProperty("denominator").GetInt64(),
            e.GetProperty("status").GetString()!,
            e.GetProperty("window_start").ValueKind == JsonValueKind.Null ? null : ParseInstant(e.GetProperty("window_start").GetString()!),
            ParseInstant(e.GetProperty("window_end").GetString()!))).ToList();
    }

    /// <summary>The body a sink receives: envelope, title, text lines, metrics and items.</summary>
    public static string NoticeBody(Notice n) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", n.Id);
        w.WriteString("seller", n.Seller);
        w.WriteString("policy", n.Policy);
        w.WriteString("case", n.CaseId);
        w.WriteString("kind", n.Kind);
        w.WriteString("audience", n.Audience);
        w.WriteString("at", Instant(n.At));
        w.WriteString("title", n.Title);
        w.WriteStartArray("lines");
        foreach (var line in n.Lines) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WritePropertyName("metrics");
        WriteSnapshot(w, n.Metrics);
        w.WriteStartArray("items");
        foreach (var item in n.Items) w.WriteStringValue(item);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static void WriteSnapshot(Utf8JsonWriter w, IReadOnlyList<MetricSnapshot> snapshot)
    {
        w.WriteStartArray();
        foreach (var m in snapshot)
        {
            w.WriteStartObject();
            w.WriteString("metric", m.Metric);
            if (m.Value is { } v && double.IsFinite(v)) w.WriteNumber("value", v);
            else w.WriteNull("value");
            w.WriteNumber("numerator", m.Numerator);
            w.WriteNumber("denominator", m.Denominator);
            w.WriteString("status", m.Status);
            if (m.WindowStart is { } s) w.WriteString("window_start", Instant(s));
            else w.WriteNull("window_start");
            w.WriteString("window_end", Instant(m.WindowEnd));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
