using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Standing.Data.Documents;

/// <summary>
/// The one way the JSON documents (command line and HTTP API alike) write instants, numbers and
/// indentation: RFC 3339 with at most milliseconds, numbers as numbers rounded to ten decimals.
/// </summary>
public static partial class DocumentText
{
    // Milliseconds at most: a wall-clock instant has ticks nobody reads and some parsers refuse.
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFF'Z'");
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFo<Z+HH:mm>");

    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An instant in UTC, e.g. 2026-06-01T00:00:00Z or 2026-06-01T08:30:12.345Z.</summary>
    public static string Instant(Instant at) => Utc.Format(at);

    /// <summary>An instant with the offset of <paramref name="zone"/> (2026-03-01T00:00:00+01:00), so a policy's midnight reads as midnight.</summary>
    public static string Instant(Instant at, DateTimeZone zone) => WithOffset.Format(at.InZone(zone).ToOffsetDateTime());

    public static void WriteInstant(Utf8JsonWriter json, string name, Instant? at, DateTimeZone? zone = null)
    {
        if (at is not { } t) json.WriteNull(name);
        else json.WriteString(name, zone is null ? Instant(t) : Instant(t, zone));
    }

    /// <summary>An enum value as the policy YAML and the JSON spell it: ShareWithin → share_within.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>A number rounded to ten decimals (a ratio of counts has no more meaning than that); null when absent or not finite.</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, Math.Round(v, 10));
        else json.WriteNull(name);
    }

    /// <summary>
    /// Text kept by the store that is a number (an ODR, a fine, a count) as a JSON number; anything
    /// else, and the values that name things even when they look like digits, as a string.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter json, string name, string text)
    {
        if (StoredInstant.Parse(text) is { Success: true } at)
            json.WriteString(name, Instant(at.Value));
        else if (!NamesSomething(name) && JsonNumber().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            json.WriteNumber(name, Math.Round(d, 10));
        else
            json.WriteString(name, text);
    }

    /// <summary>
    /// A JSON document the store kept (a notice body) copied as is, except its instants, which are
    /// written as every other instant of the documents.
    /// </summary>
    public static void WriteStored(Utf8JsonWriter json, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var p in element.EnumerateObject())
                {
                    json.WritePropertyName(p.Name);
                    WriteStored(json, p.Value);
                }
                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteStored(json, item);
                json.WriteEndArray();
                break;
            case JsonValueKind.String when StoredInstant.Parse(element.GetString()!) is { Success: true } at:
                json.WriteStringValue(Instant(at.Value));
                break;
            default:
                element.WriteTo(json);
                break;
        }
    }

    private static readonly InstantPattern StoredInstant = InstantPattern.ExtendedIso;

    private static bool NamesSomething(string key) =>
        key is "event" or "warning" or "case" or "order" or "review" or "metric" or "outcome" or "tier" or "period" or "last_period" or "text" or "currency"
        || key.EndsWith("_id", StringComparison.Ordinal);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
