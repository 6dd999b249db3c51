using System.Text.Encodings.Web;
using System.Text.Json;

namespace Standing.Data.Ndjson;

/// <summary>
/// Writes rejects as NDJSON, one object per line:
/// <c>{"file":"a.ndjson","line":3,"reason":"…","raw":"&lt;the line verbatim&gt;"}</c>.
/// </summary>
public static class RejectsWriter
{
    private static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Raw = JsonEncodedText.Encode("raw");

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="rejects"/> to a new file at <paramref name="path"/> (replacing it).</summary>
    public static void WriteFile(string path, IEnumerable<Reject> rejects)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rejects);
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            Write(stream, rejects);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw EventFileException.CannotWrite(path, ex);
        }
    }

    /// <summary>Writes <paramref name="rejects"/> to <paramref name="utf8"/> (left open).</summary>
    public static void Write(Stream utf8, IEnumerable<Reject> rejects)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(rejects);
        using var json = new Utf8JsonWriter(utf8, Options);
        foreach (var reject in rejects)
        {
            json.WriteStartObject();
            json.WriteString(File, reject.File);
            json.WriteNumber(Line, reject.Line);
            if (reject.Column is { } column) json.WriteNumber(Column, column);
            json.WriteString(Reason, reject.Reason);
            json.WriteString(Raw, reject.Raw);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            utf8.WriteByte((byte)'\n');
        }
    }
}
