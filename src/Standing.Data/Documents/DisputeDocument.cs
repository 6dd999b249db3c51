using System.Text.Json;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing disputes list --format json</c> (docs/schemas/disputes.schema.json): each
/// dispute {"id","seller","policy","metric","item","reason","state","opened_at","decided_at","decided_by","note"}.
/// </summary>
public static class DisputeDocument
{
    public static void WriteList(Stream stream, IEnumerable<Dispute> disputes)
    {
        using var w = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        w.WriteStartArray();
        foreach (var d in disputes)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("seller", d.Seller);
            w.WriteString("policy", d.Policy);
            Text(w, "metric", d.Metric);
            w.WriteString("item", d.Item);
            w.WriteString("reason", d.Reason);
            w.WriteString("state", d.State);
            w.WriteString("opened_at", DocumentText.Instant(d.OpenedAt));
            DocumentText.WriteInstant(w, "decided_at", d.DecidedAt);
            Text(w, "decided_by", d.DecidedBy);
            Text(w, "note", d.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
