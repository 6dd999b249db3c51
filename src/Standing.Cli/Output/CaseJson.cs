using System.Text.Encodings.Web;
using System.Text.Json;
using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;

namespace Standing.Cli.Output;

/// <summary>
/// The JSON of <c>standing cases list|show --format json</c>. A contract: each case is
/// {"id","seller","policy","kind","state","opened_at","due_at","closed_at","updated_at","open",
/// "awaiting_person","allowed_decisions","data"}; fields may be added, never renamed.
/// </summary>
internal static class CaseJson
{
    public static void WriteList(Stream stream, IEnumerable<EnforcementCase> cases)
    {
        using var w = Writer(stream);
        w.WriteStartArray();
        foreach (var c in cases) WriteCase(w, c, null, null);
        w.WriteEndArray();
    }

    public static void WriteOne(Stream stream, EnforcementCase c, IReadOnlyList<AuditEntry> audit, IReadOnlyList<StoredNotice> notices)
    {
        using var w = Writer(stream);
        WriteCase(w, c, audit, notices);
    }

    private static Utf8JsonWriter Writer(Stream stream) =>
        new(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static void WriteCase(Utf8JsonWriter w, EnforcementCase c, IReadOnlyList<AuditEntry>? audit, IReadOnlyList<StoredNotice>? notices)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("seller", c.Seller);
        w.WriteString("policy", c.Policy);
        w.WriteString("kind", c.Kind);
        w.WriteString("state", c.State);
        w.WriteString("opened_at", EnforcementJson.Instant(c.OpenedAt));
        WriteInstant(w, "due_at", c.DueAt);
        WriteInstant(w, "closed_at", c.ClosedAt);
        w.WriteString("updated_at", EnforcementJson.Instant(c.UpdatedAt));
        w.WriteBoolean("open", c.IsOpen);
        w.WriteBoolean("awaiting_person", c.IsOpen && CaseStates.AwaitsPerson(c.State));
        w.WriteStartArray("allowed_decisions");
        foreach (var d in DecisionRules.Allowed(c)) w.WriteStringValue(d);
        w.WriteEndArray();
        w.WriteStartObject("data");
        foreach (var (k, v) in c.Data.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
        w.WriteEndObject();
        if (audit is not null)
        {
            w.WriteStartArray("audit");
            foreach (var a in audit)
            {
                w.WriteStartObject();
                w.WriteNumber("seq", a.Seq);
                w.WriteString("at", EnforcementJson.Instant(a.At));
                w.WriteString("actor", a.Actor);
                w.WriteString("action", a.Action);
                if (a.FromState is null) w.WriteNull("from");
                else w.WriteString("from", a.FromState);
                w.WriteString("to", a.ToState);
                w.WriteString("reason", a.Reason);
                w.WritePropertyName("snapshot");
                EnforcementJson.WriteSnapshot(w, a.Snapshot);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (notices is not null)
        {
            w.WriteStartArray("notices");
            foreach (var n in notices) w.WriteRawValue(n.Body);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, NodaTime.Instant? at)
    {
        if (at is { } t) w.WriteString(name, EnforcementJson.Instant(t));
        else w.WriteNull(name);
    }
}
