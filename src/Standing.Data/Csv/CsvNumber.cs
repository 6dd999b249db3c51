using System.Globalization;

namespace Standing.Data.Csv;

/// <summary>
/// A number in a CSV cell: digits with one decimal separator (the mapping's <c>decimal_separator</c>,
/// "." unless it says ","), an optional sign, no thousands grouping. "35,5" under "." is refused
/// rather than read as 355; "1.234,5" is refused under either separator.
/// </summary>
public static class CsvNumber
{
    public static bool TryParse(string text, char separator, out decimal value, out string? why)
    {
        var other = separator == '.' ? ',' : '.';
        var trimmed = text.Trim();
        value = 0;
        if (trimmed.Contains(other, StringComparison.Ordinal))
        {
            why = $"\"{text}\" is ambiguous: the decimal separator here is \"{separator}\" and a \"{other}\" is not read as thousands grouping (set decimal_separator: \"{other}\" in the mapping if the export writes 35{other}5)";
            return false;
        }
        var body = trimmed.StartsWith('-') || trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        var parts = body.Split(separator);
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            why = $"\"{text}\" is not a number";
            return false;
        }
        var invariant = separator == '.' ? trimmed : trimmed.Replace(separator, '.');
        if (!decimal.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            why = $"\"{text}\" is not a number (too large)";
            return false;
        }
        why = null;
        return true;
    }
}
