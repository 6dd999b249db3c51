using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Data.Csv;

/// <summary>
/// Applies a <see cref="CsvMapping"/> to export files: reads the joined files into memory by key, then
/// streams each source's rows into events. A row that cannot become its events (wrong number of
/// fields, bad date, an event the format rejects) is rejected whole as <c>FILE:LINE: reason</c>, kept
/// verbatim; the other rows go on. Unknown columns and missing files stop everything before any event
/// is stored. <paramref name="openFile"/> opens a file by its path instead of the file system (the long
/// fuzz run reads exports held in memory); the paths are then taken as they are.
/// </summary>
public sealed class CsvMappedReader(CsvMapping mapping, Func<string, Stream>? openFile = null)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);

    private Dictionary<string, string[]>? _headers;

    /// <summary>
    /// Finds the mapping's files among <paramref name="paths"/> (CSV files, or folders holding them) and
    /// checks every column the mapping names against their headers; raises before anything is read.
    /// </summary>
    public void Prepare(IReadOnlyList<string> paths)
    {
        Locate(paths);
        var headers = mapping.Files.Keys.ToDictionary(name => name, name => ReadHeader(name), StringComparer.Ordinal);
        foreach (var source in mapping.Sources) CheckColumns(source, headers);
        _headers = headers;
    }

    /// <summary>Reads the files (see <see cref="Prepare"/>, which this calls first if needed) into the ingester (or any sink).</summary>
    public void Read(IReadOnlyList<string> paths, IEventSink ingester)
    {
        if (_headers is null) Prepare(paths);
        var headers = _headers!;

        var tables = new Dictionary<string, JoinedTable>(StringComparer.Ordinal);
        foreach (var join in mapping.Sources.SelectMany(s => s.Joins))
        {
            var key = join.Table + "\u0000" + join.RightKey;
            if (!tables.ContainsKey(key)) tables[key] = LoadJoined(join, headers[join.Table], ingester);
        }
        foreach (var source in mapping.Sources) ReadSource(source, headers, tables, ingester);
    }

    private void Locate(IReadOnlyList<string> paths)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            if (openFile is not null)
            {
                byName[Path.GetFileName(path)] = path;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path)) byName.TryAdd(Path.GetFileName(file), file);
            }
            else if (File.Exists(path))
            {
                byName[Path.GetFileName(path)] = path;
            }
            else
            {
                throw EventFileException.CannotRead(path, new FileNotFoundException(null, path));
            }
        }
        foreach (var file in mapping.Files.Values)
        {
            if (!byName.TryGetValue(file.FileName, out var found))
            {
                throw new CsvMappingException($"{mapping.Path}:{file.Where.Line}:{file.Where.Column}: file \"{file.FileName}\" ({file.Name}) is not among the paths given ({string.Join(", ", paths)})");
            }
            _paths[file.Name] = found;
        }
    }

    /// <summary>Opens a mapped file, positioned after its first <paramref name="skipLines"/> lines.</summary>
    private CsvReader Open(string table, int skipLines = 0, Action<CsvMalformedRecord>? malformed = null)
    {
        var path = _paths[table];
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            HasHeader = skipLines == 0,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            Encoding = mapping.Encoding.Encoding,
            OnMalformedRecord = malformed,
        };
        Stream? stream = null;
        try
        {
            stream = openFile?.Invoke(path) ?? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (skipLines > 0) SkipLines(stream, skipLines);
            return CsvReader.Create(stream, options, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            throw EventFileException.CannotRead(path, e);
        }
    }

    /// <summary>Moves past <paramref name="lines"/> line breaks (a byte 0x0A in every encoding a mapping may declare).</summary>
    private static void SkipLines(Stream stream, int lines)
    {
        var buffer = new byte[1 << 16];
        long position = 0;
        int n;
        while (lines > 0 && (n = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            int at;
            while (lines > 0 && (at = span.IndexOf((byte)'\n')) >= 0)
            {
                lines--;
                position += at + 1;
                span = span[(at + 1)..];
            }
            if (lines > 0) position += span.Length;
        }
        stream.Position = position;
    }

    private string[] ReadHeader(string table)
    {
        using var csv = Open(table);
        csv.ReadHeader();
        if (csv.Headers is not { Count: > 0 } header)
        {
            throw new CsvMappingException($"{_paths[table]}: empty file: no header row");
        }
        return [.. header];
    }

    private void CheckColumns(RowSource source, Dictionary<string, string[]> headers)
    {
        var known = new HashSet<string>(headers[source.Table], StringComparer.Ordinal);
        var problems = new List<string>();
        void Need(string column, Mark where, string file, IEnumerable<string> available)
        {
            if (!available.Contains(column))
                problems.Add($"{mapping.Path}:{where.Line}:{where.Column}: unknown column \"{column}\" in {Path.GetFileName(_paths[file])} (its columns: {string.Join(", ", available)})");
        }
        foreach (var join in source.Joins)
        {
            var theirs = headers[join.Table];
            Need(join.LeftKey, join.Where, source.Table, headers[source.Table]);
            Need(join.RightKey, join.Where, join.Table, theirs);
            if (join.Per is not null) Need(join.Per, join.Where, join.Table, theirs);
            foreach (var a in join.Aggregates.Where(a => a.Column is not null)) Need(a.Column!, a.Where, join.Table, theirs);
            foreach (var c in theirs)
            {
                known.Add(c);
                known.Add(join.Table + "." + c);
            }
            foreach (var a in join.Aggregates) known.Add(a.Name);
        }
        foreach (var ev in source.Events)
        {
            foreach (var field in ev.Fields.Values)
            {
                foreach (var column in field.Columns)
                {
                    if (!known.Contains(column))
                        problems.Add($"{mapping.Path}:{field.Where.Line}:{field.Where.Column}: unknown column \"{column}\" (the columns of {source.Table}{string.Concat(source.Joins.Select(j => " and " + j.Table))}: {string.Join(", ", known.Where(k => !k.Contains('.', StringComparison.Ordinal)))})");
                }
            }
            foreach (var condition in ev.When.Where(c => !known.Contains(c.Column)))
                problems.Add($"{mapping.Path}:{condition.Where.Line}:{condition.Where.Column}: unknown column \"{condition.Column}\" in when");
        }
        if (problems.Count > 0) throw new CsvMappingException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>A row of a CSV file: its values by column, where it was, and its text as read.</summary>
    private sealed record CsvRow(string[] Values, int Line, string Raw);

    private sealed class JoinedTable(string[] header)
    {
        public string[] Header { get; } = header;
        public Dictionary<string, List<CsvRow>> ByKey { get; } = new(StringComparer.Ordinal);
    }

    private JoinedTable LoadJoined(JoinSpec join, string[] header, IEventSink ingester)
    {
        var table = new JoinedTable(header);
        var keyIndex = Array.IndexOf(header, join.RightKey);
        foreach (var row in Rows(join.Table, header, ingester))
        {
            var key = row.Values[keyIndex];
            if (!table.ByKey.TryGetValue(key, out var list)) table.ByKey[key] = list = [];
            list.Add(row);
        }
        return table;
    }

    /// <summary>
    /// The data rows of a file; rows with the wrong number of fields or bytes that are not text in the
    /// mapping's encoding are rejected here. A quote never closed would make the rest of the file one
    /// field: its row is rejected alone and reading goes on at the next line.
    /// </summary>
    private IEnumerable<CsvRow> Rows(string table, string[] header, IEventSink ingester)
    {
        var file = _paths[table];
        var skipped = 0; // lines before the part being read: 0, or up to the row of an unclosed quote
        while (true)
        {
            var malformed = false;
            using var csv = Open(table, skipped, _ => malformed = true);
            if (skipped == 0) csv.ReadHeader();
            var restart = false;
            while (true)
            {
                bool more;
                malformed = false;
                try
                {
                    more = csv.Read();
                }
                catch (CsvFormatException e)
                {
                    throw new EventFileException($"{file}:{skipped + e.LineNumber}: cannot read: {e.Message}");
                }
                if (!more) break;
                var line = skipped + (int)csv.LineNumber;
                var raw = Encoding.UTF8.GetString(csv.RawRecord);
                var spans = raw.TrimEnd('\r', '\n').Count(c => c == '\n');
                if (spans > 0 && (malformed || csv.FieldCount != header.Length))
                {
                    // A row over several lines that is not a good row: a quote opened in it is not
                    // closed where the row ends. Only its first line is rejected; the lines it took
                    // are read again as rows of their own.
                    ingester.Reject(new Reject(file, line,
                        $"a quote opened in this row is not closed where the row ends (it took the {spans} line{(spans == 1 ? "" : "s")} after it into one field); reading goes on at line {line + 1}",
                        raw.Split('\n', 2)[0].TrimEnd('\r')));
                    skipped = line;
                    restart = true;
                    break;
                }
                var count = csv.FieldCount;
                if (count != header.Length)
                {
                    ingester.Reject(new Reject(file, line, $"{count} field{(count == 1 ? "" : "s")}, the header has {header.Length}", raw));
                    continue;
                }
                if (mapping.Encoding.IsUtf8 && NotUtf8(csv, count) is { } column)
                {
                    ingester.Reject(new Reject(file, line, $"column {column + 1} ({header[column]}): bytes that are not UTF-8; if the file is in another encoding, declare it in the mapping (encoding: windows-1252, iso-8859-1…)", raw));
                    continue;
                }
                var values = new string[count];
                for (var i = 0; i < count; i++) values[i] = csv.GetString(i) ?? "";
                yield return new CsvRow(values, line, raw);
            }
            if (!restart) yield break;
        }
    }

    /// <summary>The first field holding bytes that are not UTF-8 (they would be read as U+FFFD), if any.</summary>
    private static int? NotUtf8(CsvReader csv, int count)
    {
        if (System.Text.Unicode.Utf8.IsValid(csv.RawRecord)) return null;
        for (var i = 0; i < count; i++)
        {
            if (!System.Text.Unicode.Utf8.IsValid(csv.GetRawSpan(i))) return i;
        }
        return 0;
    }

    private void ReadSource(RowSource source, Dictionary<string, string[]> headers, Dictionary<string, JoinedTable> tables, IEventSink ingester)
    {
        var file = _paths[source.Table];
        var header = headers[source.Table];
        foreach (var row in Rows(source.Table, header, ingester))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) values[header[i]] = row.Values[i];

            // Each join adds columns; a join with "per" fans the row out, one per distinct value.
            var outputs = new List<Dictionary<string, string>> { values };
            string? problem = null;
            foreach (var join in source.Joins)
            {
                var table = tables[join.Table + "\u0000" + join.RightKey];
                var matches = table.ByKey.GetValueOrDefault(values.GetValueOrDefault(join.LeftKey) ?? "");
                if (matches is null || matches.Count == 0)
                {
                    if (join.SkipUnmatched)
                    {
                        ingester.Skip($"{Path.GetFileName(file)} rows with no {join.Table} row of the same {join.LeftKey}");
                        outputs.Clear();
                        break;
                    }
                    problem = $"no {join.Table} row with {join.RightKey} = \"{values.GetValueOrDefault(join.LeftKey)}\"";
                    break;
                }
                var groups = join.Per is null
                    ? [matches]
                    : matches.GroupBy(m => m.Values[Array.IndexOf(table.Header, join.Per)], StringComparer.Ordinal).Select(g => g.ToList()).ToList();
                var next = new List<Dictionary<string, string>>();
                foreach (var current in outputs)
                {
                    foreach (var group in groups)
                    {
                        var combined = new Dictionary<string, string>(current, StringComparer.Ordinal);
                        for (var i = 0; i < table.Header.Length; i++)
                        {
                            combined.TryAdd(table.Header[i], group[0].Values[i]);
                            combined[join.Table + "." + table.Header[i]] = group[0].Values[i];
                        }
                        foreach (var aggregate in join.Aggregates)
                        {
                            if (!TryAggregate(aggregate, _paths[join.Table], table.Header, group, out var result, out problem)) break;
                            combined[aggregate.Name] = result;
                        }
                        if (problem is not null) break;
                        next.Add(combined);
                    }
                    if (problem is not null) break;
                }
                if (problem is not null) break;
                outputs = next;
            }

            var events = new List<StandingEvent>();
            if (problem is null)
            {
                foreach (var output in outputs)
                {
                    foreach (var spec in source.Events)
                    {
                        if (!TryBuild(spec, output, out var ev, out problem)) break;
                        if (ev is not null) events.Add(ev);
                    }
                    if (problem is not null) break;
                }
            }
            if (problem is not null)
            {
                ingester.Reject(new Reject(file, row.Line, problem, row.Raw));
                continue;
            }
            foreach (var ev in events) ingester.Add(ev, file, row.Line);
        }
    }

    private bool TryAggregate(AggregateSpec aggregate, string file, string[] header, List<CsvRow> group, out string result, out string? problem)
    {
        problem = null;
        result = "";
        if (aggregate.Function == "count")
        {
            result = group.Count.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        var index = Array.IndexOf(header, aggregate.Column);
        var cells = group.Select(r => (Row: r, Value: r.Values[index])).Where(c => c.Value.Length > 0).ToList();
        if (cells.Count == 0) return true;
        switch (aggregate.Function)
        {
            case "first":
                result = cells[0].Value;
                return true;
            case "sum":
                var sum = 0m;
                foreach (var (r, v) in cells)
                {
                    if (!CsvNumber.TryParse(v, mapping.DecimalSeparator, out var d, out var why))
                    {
                        problem = $"{file}:{r.Line}: column {aggregate.Column}: {why}";
                        return false;
                    }
                    sum += d;
                }
                result = sum.ToString(CultureInfo.InvariantCulture);
                return true;
            default: // min, max over timestamps
                Instant? best = null;
                foreach (var (r, v) in cells)
                {
                    if (!TryInstant(v, endOfDay: false, out var instant, out var why))
                    {
                        problem = $"{file}:{r.Line}: {aggregate.Column}: {why}";
                        return false;
                    }
                    if (best is null || (aggregate.Function == "min" ? instant < best : instant > best))
                    {
                        best = instant;
                        result = v;
                    }
                }
                return true;
        }
    }

    /// <summary>
    /// Makes one event from a row: null (and no problem) when a condition does not hold or its
    /// <c>at</c> is empty (the thing did not happen); a problem when a value is bad.
    /// </summary>
    private bool TryBuild(EventSpec spec, Dictionary<string, string> row, out StandingEvent? ev, out string? problem)
    {
        ev = null;
        problem = null;
        foreach (var condition in spec.When)
        {
            if (!condition.Values.Contains(row.GetValueOrDefault(condition.Column) ?? "")) return true;
        }
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", EventSchema.Name(spec.Type));
            foreach (var (name, field) in spec.Fields)
            {
                string? value;
                if (field.Latest is not null)
                {
                    value = null;
                    Instant? latest = null;
                    foreach (var t in field.Latest)
                    {
                        var text = t.Render(row, out _);
                        if (string.IsNullOrEmpty(text)) continue;
                        if (!TryInstant(text, field.EndOfDay, out var instant, out var why))
                        {
                            problem = $"{name}: {why}";
                            return false;
                        }
                        if (latest is null || instant > latest) latest = instant;
                    }
                    value = latest is { } l ? Rfc3339.Format(l) : null;
                }
                else
                {
                    value = field.Template!.Render(row, out var emptyColumn);
                    if (value is not null && emptyColumn is not null && name is "id" or "seller" or "order" or "review" or "case" or "refund" or "complaint" or "conversation")
                    {
                        problem = $"{name}: column {emptyColumn} is empty";
                        return false;
                    }
                    if (value is not null && field.Map is not null && field.Map.TryGetValue(value, out var mapped)) value = mapped;
                    if (value is not null && InstantFields.Contains(name))
                    {
                        if (!TryInstant(value, field.EndOfDay, out var instant, out var why))
                        {
                            problem = $"{name}: {why}";
                            return false;
                        }
                        value = Rfc3339.Format(instant);
                    }
                }
                if (value is null)
                {
                    if (name == "at") return true; // empty: it did not happen
                    if (name is "id" or "seller")
                    {
                        problem = $"{name}: empty";
                        return false;
                    }
                    continue;
                }
                switch (name)
                {
                    case "stars" or "amount":
                        if (!CsvNumber.TryParse(value, mapping.DecimalSeparator, out var number, out var why))
                        {
                            problem = $"{name}: {why}{InColumns(field)}";
                            return false;
                        }
                        json.WriteNumber(name, number);
                        break;
                    case "human_requested":
                        json.WriteBoolean(name, value is "true" or "1" or "yes");
                        break;
                    default:
                        json.WriteString(name, value);
                        break;
                }
            }
            json.WriteEndObject();
        }
        if (!NdjsonEventParser.TryParseIncoming(buffer.WrittenSpan, out ev, out var reason, out _))
        {
            problem = $"{EventSchema.Name(spec.Type)}: {reason}";
            return false;
        }
        return true;
    }

    private static readonly HashSet<string> InstantFields = ["at", "ship_by", "deliver_by"];

    /// <summary>Names the columns a field was made from, so a row error points at the cell.</summary>
    private static string InColumns(FieldSpec field) =>
        field.Columns.Any() ? $" (column {string.Join(", ", field.Columns.Distinct())})" : "";

    /// <summary>
    /// A timestamp cell: RFC 3339 with offset as is, otherwise local time in the mapping's zone (a time
    /// in a DST gap moves forward by the gap, an ambiguous one takes the earlier instant).
    /// </summary>
    private bool TryInstant(string text, bool endOfDay, out Instant instant, out string? why)
    {
        why = null;
        if (!endOfDay && Rfc3339.TryParse(text.AsSpan(), out instant, out _)) return true;
        foreach (var pattern in mapping.TimestampFormats)
        {
            var parsed = pattern.Parse(text.Trim());
            if (!parsed.Success) continue;
            var local = parsed.Value;
            if (endOfDay) local = local.Date.PlusDays(1).AtMidnight().PlusSeconds(-1);
            instant = local.InZoneLeniently(mapping.Zone).ToInstant();
            return true;
        }
        instant = default;
        why = $"\"{text}\" is not a date/time (expected {string.Join(" or ", mapping.TimestampFormats.Select(p => p.PatternText))} in {mapping.ZoneId}, or RFC 3339 with offset)";
        return false;
    }
}
