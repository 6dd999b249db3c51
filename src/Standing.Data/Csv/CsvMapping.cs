using NodaTime;
using NodaTime.Text;
using Standing.Core.Events;

namespace Standing.Data.Csv;

/// <summary>Where something was written in the mapping file (1-based), for error messages.</summary>
public readonly record struct Mark(int Line, int Column);

/// <summary>
/// A CSV mapping (docs/ingest.md): how rows of a marketplace's own export files become canonical
/// events. Loaded from YAML by <see cref="CsvMappingLoader"/>, applied by <see cref="CsvMappedReader"/>.
/// </summary>
public sealed record CsvMapping(
    string Path,
    string ZoneId,
    DateTimeZone Zone,
    IReadOnlyList<LocalDateTimePattern> TimestampFormats,
    IReadOnlyDictionary<string, MappedFile> Files,
    IReadOnlyList<RowSource> Sources)
{
    /// <summary>How the CSV files' bytes are text (<c>encoding:</c>); UTF-8 unless the mapping says otherwise.</summary>
    public CsvTextEncoding Encoding { get; init; } = CsvTextEncoding.Utf8;

    /// <summary>The character between the whole and fractional part of numbers (<c>decimal_separator:</c>).</summary>
    public char DecimalSeparator { get; init; } = '.';
}

/// <summary>One export file, by the short name the mapping calls it and its file name.</summary>
public sealed record MappedFile(string Name, string FileName, Mark Where);

/// <summary>Rows of one file (with rows of other files joined on a key) and the events each gives.</summary>
public sealed record RowSource(string Table, IReadOnlyList<JoinSpec> Joins, IReadOnlyList<EventSpec> Events, Mark Where);

/// <summary>
/// Rows of <paramref name="Table"/> whose <paramref name="RightKey"/> equals the row's
/// <paramref name="LeftKey"/>. With <paramref name="Per"/>, one output row per distinct value of that
/// column among the matches (e.g. one order per seller); otherwise the first match. Aggregates are
/// computed over the matches (of that value).
/// </summary>
public sealed record JoinSpec(
    string Table,
    string LeftKey,
    string RightKey,
    string? Per,
    IReadOnlyList<AggregateSpec> Aggregates,
    bool SkipUnmatched,
    Mark Where);

/// <summary><c>name: function(column)</c>: min / max (timestamps), sum (numbers), first, count.</summary>
public sealed record AggregateSpec(string Name, string Function, string? Column, Mark Where);

/// <summary>One event a row gives, when its conditions hold and its <c>at</c> is not empty.</summary>
public sealed record EventSpec(EventType Type, IReadOnlyDictionary<string, FieldSpec> Fields, IReadOnlyList<RowCondition> When, Mark Where);

/// <summary>A row condition: the column's value is one of <paramref name="Values"/>.</summary>
public sealed record RowCondition(string Column, IReadOnlyList<string> Values, Mark Where);

/// <summary>
/// How one event field is made from a row: a template (<c>"{order_id}/{seller_id}"</c>: columns in
/// braces, text outside them literal) or the latest non-empty of several timestamps; optionally
/// translated (<paramref name="Map"/>) or, for a date, moved to the end of that local day.
/// </summary>
public sealed record FieldSpec(string Field, Template? Template, IReadOnlyList<Template>? Latest, bool EndOfDay, IReadOnlyDictionary<string, string>? Map, Mark Where)
{
    public IEnumerable<string> Columns =>
        (Template is null ? [] : Template.Columns).Concat(Latest?.SelectMany(t => t.Columns) ?? []);
}

/// <summary>A text with <c>{column}</c> placeholders.</summary>
public sealed record Template(string Text, IReadOnlyList<(bool IsColumn, string Value)> Parts)
{
    public IEnumerable<string> Columns => Parts.Where(p => p.IsColumn).Select(p => p.Value);

    public static bool TryParse(string text, out Template template, out string? error)
    {
        var parts = new List<(bool, string)>();
        var i = 0;
        error = null;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add((false, text[i..]));
                break;
            }
            if (open > i)
            {
                parts.Add((false, text[i..open]));
            }
            var close = text.IndexOf('}', open + 1);
            if (close < 0 || close == open + 1)
            {
                error = $"unbalanced or empty {{}} in \"{text}\"";
                template = new Template(text, []);
                return false;
            }
            parts.Add((true, text[(open + 1)..close].Trim()));
            i = close + 1;
        }
        template = new Template(text, parts);
        return true;
    }

    /// <summary>The text with columns filled in; null when every column it names is empty (a literal is never null).</summary>
    public string? Render(IReadOnlyDictionary<string, string> row, out string? emptyColumn)
    {
        emptyColumn = null;
        var anyColumn = false;
        var anyValue = false;
        var text = new System.Text.StringBuilder();
        foreach (var (isColumn, value) in Parts)
        {
            if (!isColumn)
            {
                text.Append(value);
                continue;
            }
            anyColumn = true;
            var cell = row.GetValueOrDefault(value) ?? "";
            if (cell.Length == 0)
            {
                emptyColumn ??= value;
            }
            else
            {
                anyValue = true;
            }
            text.Append(cell);
        }
        return anyColumn && !anyValue ? null : text.ToString();
    }
}

/// <summary>A mapping that cannot be applied to the files given (missing file, unknown column).</summary>
public sealed class CsvMappingException : Exception
{
    public CsvMappingException()
    {
    }

    public CsvMappingException(string message)
        : base(message)
    {
    }

    public CsvMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
