using System.Text.Json;
using Standing.Data.Enforcement;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing outbox list --format json</c> (docs/schemas/notices.schema.json): each notice
/// {"id","seller","marketplace","policy","case","kind","audience","at","deliveries":[{"sink","attempts","delivered_at",
/// "last_attempt_at","last_error"}]}; a case's notices carry the full body the sinks receive.
/// </summary>
public static class NoticeDocument
{
    public static void WriteList(Stream stream, IEnumerable<StoredNotice> notices, ILookup<string, Delivery> deliveries, string marketplace)
    {
        using var w = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        w.WriteStartArray();
        foreach (var n in notices)
        {
            w.WriteStartObject();
            w.WriteString("id", n.Id);
            w.WriteString("seller", n.Seller);
            w.WriteString("marketplace", marketplace);
            w.WriteString("policy", n.Policy);
            w.WriteString("case", n.CaseId);
            w.WriteString("kind", n.Kind);
            w.WriteString("audience", n.Audience);
            w.WriteString("at", DocumentText.Instant(n.At));
            w.WriteStartArray("deliveries");
            foreach (var d in deliveries[n.Id])
            {
                w.WriteStartObject();
                w.WriteString("sink", d.Sink);
                w.WriteNumber("attempts", d.Attempts);
                DocumentText.WriteInstant(w, "delivered_at", d.DeliveredAt);
                w.WriteString("last_attempt_at", DocumentText.Instant(d.LastAttemptAt));
                if (d.LastError is null) w.WriteNull("last_error");
                else w.WriteString("last_error", d.LastError);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The body a sink receives (with its marketplace), its instants to the millisecond.</summary>
    public static void WriteBody(Utf8JsonWriter w, StoredNotice notice, string marketplace) => Outbox.NoticePayload.WriteBody(w, notice, marketplace);
}
