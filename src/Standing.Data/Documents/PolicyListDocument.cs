using System.Text.Json;
using Standing.Core.Policies;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing policies list --format json</c> (docs/schemas/policies.schema.json): each
/// policy {"id","version","name","time_zone","effective_from","metrics":[{"id","title","kind","unit"}],"rules":[ids]}.
/// </summary>
public static class PolicyListDocument
{
    public static void WriteList(Stream stream, IEnumerable<Policy> policies)
    {
        using var w = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        w.WriteStartArray();
        foreach (var p in policies)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("version", p.Version);
            w.WriteString("name", p.Name);
            w.WriteString("time_zone", p.Zone.Id);
            w.WriteString("effective_from", p.EffectiveFrom.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartArray("metrics");
            foreach (var m in p.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("id", m.Id);
                w.WriteString("title", m.Title);
                w.WriteString("kind", DocumentText.Wire(m.Kind));
                w.WriteString("unit", m.Unit);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rules");
            foreach (var r in p.Rules) w.WriteStringValue(r.Id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
