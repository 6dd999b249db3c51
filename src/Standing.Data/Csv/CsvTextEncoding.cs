using System.Text;

namespace Standing.Data.Csv;

/// <summary>
/// The text encodings a CSV mapping may declare (<c>encoding:</c>). Only encodings in which a byte
/// below 0x80 is that ASCII character: the CSV reader finds commas, quotes and line breaks as bytes.
/// </summary>
public sealed record CsvTextEncoding(string Name, Encoding? Encoding)
{
    /// <summary>UTF-8, the default: bytes that are not UTF-8 are a row error, never silently replaced.</summary>
    public static readonly CsvTextEncoding Utf8 = new("utf-8", null);

    public bool IsUtf8 => Encoding is null;

    public static IReadOnlyList<string> Names { get; } = ["utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "windows-1250"];

    static CsvTextEncoding()
    {
        // The Windows code pages ship with .NET but must be registered to be found by name.
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static bool TryGet(string name, out CsvTextEncoding encoding)
    {
        var known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(n.Replace("-", "", StringComparison.Ordinal), name.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            encoding = Utf8;
            return false;
        }
        encoding = known == "utf-8" ? Utf8 : new CsvTextEncoding(known, System.Text.Encoding.GetEncoding(known));
        return true;
    }
}
