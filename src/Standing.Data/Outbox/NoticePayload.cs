using System.Text.Json;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Data.Store;

namespace Standing.Data.Outbox;

/// <summary>
/// A notice as it leaves the store (webhook, folder, <c>outbox list</c>, the notices feed, a case's
/// notices): its stored body with the <c>marketplace</c> it belongs to after <c>seller</c>. Each
/// marketplace's notices are kept in that marketplace's own store, which is why the body does not
/// carry it; a receiver serving several marketplaces tells them apart by it (seller ids may repeat).
/// </summary>
public static class NoticePayload
{
    /// <summary>The body a sink receives: the same text for the same notice and marketplace, so a repeat is a repeat.</summary>
    public static string Body(StoredNotice notice, string marketplace)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            using var body = JsonDocument.Parse(notice.Body);
            Write(w, body.RootElement, marketplace, stored: false);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The body inside a document, with its instants to the millisecond (<see cref="DocumentText.WriteStored"/>).</summary>
    public static void WriteBody(Utf8JsonWriter w, StoredNotice notice, string marketplace)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(notice);
        using var body = JsonDocument.Parse(notice.Body);
        Write(w, body.RootElement, marketplace, stored: true);
    }

    /// <summary>A notice sent to receivers: its body with its marketplace.</summary>
    public static StoredNotice Sent(StoredNotice notice, string marketplace) =>
        (notice ?? throw new ArgumentNullException(nameof(notice))) with { Body = Body(notice, marketplace) };

    private static void Write(Utf8JsonWriter w, JsonElement body, string marketplace, bool stored)
    {
        w.WriteStartObject();
        var placed = false;
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("marketplace")) continue;
            Value(w, property, stored);
            if (!property.NameEquals("seller")) continue;
            w.WriteString("marketplace", marketplace);
            placed = true;
        }
        if (!placed) w.WriteString("marketplace", marketplace);
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, JsonProperty property, bool stored)
    {
        w.WritePropertyName(property.Name);
        if (stored) DocumentText.WriteStored(w, property.Value);
        else property.Value.WriteTo(w);
    }

    /// <summary>The marketplace a command names with <c>--marketplace</c> (none: the default one).</summary>
    public static string Of(string? chosen) => chosen ?? MarketplaceId.Default;
}
