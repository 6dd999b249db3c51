using System.Text;
using Spectre.Console;

namespace Standing.Cli.Output;

/// <summary>
/// The rows a listing command prints, written as a table for people or as CSV (RFC 4180, a header
/// row, one line per row) for spreadsheets; the JSON documents are written by Standing.Data.Documents.
/// </summary>
internal sealed class Listing(params string[] headers)
{
    private readonly List<Cell[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];
    private readonly HashSet<int> _noWrap = [];

    public int Count => _rows.Count;

    public Listing RightAlign(params string[] columns)
    {
        foreach (var c in columns) _rightAligned.Add(Array.IndexOf(headers, c));
        return this;
    }

    /// <summary>Columns whose cells never wrap (ids, numbers): the other columns give way.</summary>
    public Listing NoWrap(params string[] columns)
    {
        foreach (var c in columns) _noWrap.Add(Array.IndexOf(headers, c));
        return this;
    }

    public void Add(params Cell[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"{cells.Length} cells for {headers.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>How wide the table is with no cell folded: the longest line of each column, its padding and borders.</summary>
    public int NaturalWidth() =>
        headers.Select((h, i) => _rows.Select(r => r[i].Text.Split('\n').Max(l => l.Length)).Append(h.Length).Max()).Sum() + 3 * headers.Length + 1;

    public Table Table()
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            if (_noWrap.Contains(i)) column.NoWrap();
            table.AddColumn(_rightAligned.Contains(i) ? column.RightAligned() : column);
        }
        foreach (var row in _rows)
            table.AddRow(row.Select(c => c.Color is { } color && c.Text.Length > 0 ? $"[{color}]{Markup.Escape(c.Text)}[/]" : Markup.Escape(c.Text)).ToArray());
        return table;
    }

    public void WriteCsv(TextWriter writer)
    {
        writer.Write(Line(headers));
        foreach (var row in _rows) writer.Write(Line(row.Select(c => c.Text)));
        writer.Flush();
    }

    private static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote)) + "\r\n";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
