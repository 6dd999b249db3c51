using System.Text.Json;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing cases list|show --format json</c> (docs/schemas/cases.schema.json,
/// docs/schemas/case.schema.json). A contract: each case is {"id","seller","policy","kind","state",
/// "opened_at","due_at","closed_at","updated_at","open","awaiting_person","allowed_decisions","data"};
/// the values of "data" that are numbers are JSON numbers; fields may be added, never renamed.
/// </summary>
public static class CaseDocument
{
    /// <param name="decidingAt">The instant a decision on each case would be dated at (its allowed decisions are
    /// those allowed then, see <see cref="DecisionRules.Allowed"/>); without it, the case's last change.</param>
    public static void WriteList(Stream stream, IEnumerable<EnforcementCase> cases, Func<EnforcementCase, Instant>? decidingAt = null)
    {
        using var w = Writer(stream);
        w.WriteStartArray();
        foreach (var c in cases) WriteCase(w, c, null, null, null, decidingAt?.Invoke(c));
        w.WriteEndArray();
    }

    /// <summary>One case; its notices as their receivers get them, naming <paramref name="marketplace"/>, the store's.</summary>
    public static void WriteOne(Stream stream, EnforcementCase c, IReadOnlyList<AuditEntry> audit, IReadOnlyList<StoredNotice> notices, string marketplace,
        Instant? decidingAt = null)
    {
        using var w = Writer(stream);
        WriteCase(w, c, audit, notices, marketplace, decidingAt);
    }

    private static Utf8JsonWriter Writer(Stream stream) => new(stream, DocumentText.WriterOptions);

    private static void WriteCase(Utf8JsonWriter w, EnforcementCase c, IReadOnlyList<AuditEntry>? audit, IReadOnlyList<StoredNotice>? notices, string? marketplace,
        Instant? decidingAt)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("seller", c.Seller);
        w.WriteString("policy", c.Policy);
        w.WriteString("kind", c.Kind);
        w.WriteString("state", c.State);
        w.WriteString("opened_at", DocumentText.Instant(c.OpenedAt));
        WriteInstant(w, "due_at", c.DueAt);
        WriteInstant(w, "closed_at", c.ClosedAt);
        w.WriteString("updated_at", DocumentText.Instant(c.UpdatedAt));
        w.WriteBoolean("open", c.IsOpen);
        w.WriteBoolean("awaiting_person", c.IsOpen && CaseStates.AwaitsPerson(c.State));
        w.WriteStartArray("allowed_decisions");
        foreach (var d in DecisionRules.Allowed(c, decidingAt)) w.WriteStringValue(d);
        w.WriteEndArray();
        w.WriteStartObject("data");
        foreach (var (k, v) in c.Data.OrderBy(p => p.Key, StringComparer.Ordinal)) DocumentText.WriteValue(w, k, v);
        w.WriteEndObject();
        if (audit is not null)
        {
            w.WriteStartArray("audit");
            foreach (var a in audit)
            {
                w.WriteStartObject();
                w.WriteNumber("seq", a.Seq);
                w.WriteString("at", DocumentText.Instant(a.At));
                w.WriteString("actor", a.Actor);
                w.WriteString("action", a.Action);
                if (a.FromState is null) w.WriteNull("from");
                else w.WriteString("from", a.FromState);
                w.WriteString("to", a.ToState);
                w.WriteString("reason", a.Reason);
                w.WritePropertyName("snapshot");
                WriteSnapshot(w, a.Snapshot);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (notices is not null)
        {
            w.WriteStartArray("notices");
            foreach (var n in notices) NoticeDocument.WriteBody(w, n, marketplace ?? Store.MarketplaceId.Default);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, NodaTime.Instant? at) => DocumentText.WriteInstant(w, name, at);

    /// <summary>The metrics as the audit entry saw them (the store's own form, with instants to the millisecond).</summary>
    private static void WriteSnapshot(Utf8JsonWriter w, IReadOnlyList<MetricSnapshot> snapshot)
    {
        w.WriteStartArray();
        foreach (var m in snapshot)
        {
            w.WriteStartObject();
            w.WriteString("metric", m.Metric);
            DocumentText.WriteNumber(w, "value", m.Value);
            w.WriteNumber("numerator", m.Numerator);
            w.WriteNumber("denominator", m.Denominator);
            w.WriteString("status", m.Status);
            DocumentText.WriteInstant(w, "window_start", m.WindowStart);
            w.WriteString("window_end", DocumentText.Instant(m.WindowEnd));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
