using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Policies.Loading;
using YamlDotNet.RepresentationModel;

namespace Standing.Data.Csv;

/// <summary>A loaded mapping, or every error found in it as <c>file:line:column: message</c>.</summary>
public sealed record CsvMappingLoad(CsvMapping? Mapping, IReadOnlyList<string> Errors);

/// <summary>Reads a CSV mapping from YAML and checks it (types, fields, templates, zone, formats).</summary>
public static partial class CsvMappingLoader
{
    private static readonly HashSet<string> EnvelopeFields = ["id", "at", "seller", "marketplace"];
    private static readonly HashSet<string> InstantFields = ["at", "ship_by", "deliver_by"];

    public static CsvMappingLoad LoadFile(string path)
    {
        if (Directory.Exists(path))
        {
            return new CsvMappingLoad(null, [$"{path}: is a directory, not a mapping file (--mapping takes a YAML file)"]);
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new CsvMappingLoad(null, [$"{path}: cannot read: {(e is FileNotFoundException ? "no such file" : e.Message)}"]);
        }
        return Load(text, path);
    }

    public static CsvMappingLoad Load(string yaml, string path)
    {
        var errors = new List<string>();
        var node = YamlDocumentReader.Read(yaml, path, out var unreadable);
        if (unreadable is not null)
        {
            return new CsvMappingLoad(null, [unreadable.ToString()]);
        }
        if (node is not YamlMappingNode root)
        {
            return new CsvMappingLoad(null, [$"{path}:1:1: a mapping file is a YAML map (time_zone, timestamp_formats, files, sources)"]);
        }

        void Error(YamlNode node, string message) => errors.Add($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");

        foreach (var key in root.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: "version" or "time_zone" or "timestamp_formats" or "encoding" or "decimal_separator" or "files" or "sources" })
            {
                Error(key, $"unknown key \"{Text(key)}\" (known: version, time_zone, timestamp_formats, encoding, decimal_separator, files, sources)");
            }
        }
        if (Scalar(root, "version") is { } version && version.Value != "1")
        {
            Error(version, $"mapping version \"{version.Value}\" is not supported (this Standing reads version 1)");
        }

        var zoneId = "UTC";
        DateTimeZone zone = DateTimeZone.Utc;
        if (Scalar(root, "time_zone") is { } zoneNode)
        {
            zoneId = zoneNode.Value ?? "";
            var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (found is null) Error(zoneNode, $"unknown time zone \"{zoneId}\" (an IANA name such as America/Sao_Paulo)");
            else zone = found;
        }

        var formats = new List<LocalDateTimePattern>();
        if (Node(root, "timestamp_formats") is { } formatsNode)
        {
            foreach (var f in formatsNode is YamlSequenceNode seq ? seq.Children : [formatsNode])
            {
                if (f is not YamlScalarNode { Value: { } pattern })
                {
                    Error(f, "a timestamp format is a text such as \"yyyy-MM-dd HH:mm:ss\"");
                    continue;
                }
                try
                {
                    formats.Add(LocalDateTimePattern.CreateWithInvariantCulture(pattern));
                }
                catch (InvalidPatternException e)
                {
                    Error(f, $"bad timestamp format \"{pattern}\": {e.Message}");
                }
            }
        }
        if (formats.Count == 0)
        {
            formats.Add(LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss"));
            formats.Add(LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss"));
            formats.Add(LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd"));
        }

        var encoding = CsvTextEncoding.Utf8;
        if (Node(root, "encoding") is { } encodingNode)
        {
            if (!CsvTextEncoding.TryGet(Text(encodingNode), out encoding))
                Error(encodingNode, $"unknown encoding \"{Text(encodingNode)}\" (known: {string.Join(", ", CsvTextEncoding.Names)})");
        }
        var decimalSeparator = '.';
        if (Node(root, "decimal_separator") is { } separatorNode)
        {
            if (Text(separatorNode) is "." or ",") decimalSeparator = Text(separatorNode)[0];
            else Error(separatorNode, "decimal_separator is \".\" (35.5, the default) or \",\" (35,5)");
        }

        var files = new Dictionary<string, MappedFile>(StringComparer.Ordinal);
        if (Node(root, "files") is YamlMappingNode filesNode)
        {
            foreach (var (key, value) in filesNode.Children)
            {
                var name = Text(key);
                if (value is YamlScalarNode { Value: { Length: > 0 } fileName })
                    files[name] = new MappedFile(name, fileName, At(key));
                else
                    Error(value, $"file \"{name}\": give the CSV file's name");
            }
        }
        else
        {
            Error(Node(root, "files") ?? root, "missing \"files\": the export's CSV files by a short name (orders: orders.csv)");
        }

        var sources = new List<RowSource>();
        if (Node(root, "sources") is YamlSequenceNode sourcesNode)
        {
            foreach (var s in sourcesNode.Children)
            {
                if (ReadSource(s, files, Error) is { } source) sources.Add(source);
            }
        }
        else
        {
            Error(Node(root, "sources") ?? root, "missing \"sources\": a list of { rows: FILE, join: […], events: […] }");
        }

        return errors.Count > 0
            ? new CsvMappingLoad(null, errors)
            : new CsvMappingLoad(new CsvMapping(path, zoneId, zone, formats, files, sources) { Encoding = encoding, DecimalSeparator = decimalSeparator }, []);
    }

    private static RowSource? ReadSource(YamlNode node, Dictionary<string, MappedFile> files, Action<YamlNode, string> error)
    {
        if (node is not YamlMappingNode map)
        {
            error(node, "a source is a map: { rows: FILE, join: […], events: […] }");
            return null;
        }
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: not ("rows" or "join" or "events") } k)
                error(key, $"unknown key \"{k.Value}\" in a source (known: rows, join, events)");
        }
        var rows = Scalar(map, "rows");
        if (rows?.Value is not { } table || !files.ContainsKey(table))
        {
            error(rows ?? (YamlNode)map, $"\"rows\" must name one of the files ({string.Join(", ", files.Keys)})");
            return null;
        }

        var joins = new List<JoinSpec>();
        if (Node(map, "join") is YamlSequenceNode joinNodes)
        {
            foreach (var j in joinNodes.Children)
            {
                if (ReadJoin(j, files, error) is { } join) joins.Add(join);
            }
            if (joins.Count(j => j.Per is not null) > 1)
                error(joinNodes, "at most one join may split rows with \"per\"");
        }
        else if (Node(map, "join") is { } bad)
        {
            error(bad, "\"join\" is a list of { file, on, per, aggregate, unmatched }");
        }

        var events = new List<EventSpec>();
        if (Node(map, "events") is YamlSequenceNode eventNodes)
        {
            foreach (var e in eventNodes.Children)
            {
                if (ReadEvent(e, error) is { } ev) events.Add(ev);
            }
        }
        else
        {
            error(map, "a source needs \"events\": a list of { type, id, at, seller, … }");
        }
        return new RowSource(table, joins, events, At(map));
    }

    private static JoinSpec? ReadJoin(YamlNode node, Dictionary<string, MappedFile> files, Action<YamlNode, string> error)
    {
        if (node is not YamlMappingNode map)
        {
            error(node, "a join is a map: { file, on, per, aggregate, unmatched }");
            return null;
        }
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: not ("file" or "on" or "per" or "aggregate" or "unmatched") } k)
                error(key, $"unknown key \"{k.Value}\" in a join (known: file, on, per, aggregate, unmatched)");
        }
        var fileNode = Scalar(map, "file");
        if (fileNode?.Value is not { } table || !files.ContainsKey(table))
        {
            error(fileNode ?? (YamlNode)map, $"\"file\" must name one of the files ({string.Join(", ", files.Keys)})");
            return null;
        }
        var on = Scalar(map, "on");
        if (on?.Value is not { Length: > 0 } onText)
        {
            error(map, "a join needs \"on\": the key column (order_id), or LEFT = RIGHT (order_id = id)");
            return null;
        }
        var sides = onText.Split('=', 2, StringSplitOptions.TrimEntries);
        var (left, right) = sides.Length == 2 ? (sides[0], sides[1]) : (onText.Trim(), onText.Trim());

        var aggregates = new List<AggregateSpec>();
        if (Node(map, "aggregate") is YamlMappingNode aggs)
        {
            foreach (var (key, value) in aggs.Children)
            {
                var name = Text(key);
                var text = Text(value);
                var m = AggregateCall().Match(text);
                if (!m.Success || (m.Groups[2].Value.Length == 0 && m.Groups[1].Value != "count"))
                {
                    error(value, $"aggregate \"{name}\": \"{text}\" is not min(COLUMN), max(COLUMN), sum(COLUMN), first(COLUMN) or count()");
                    continue;
                }
                aggregates.Add(new AggregateSpec(name, m.Groups[1].Value, m.Groups[2].Value.Length == 0 ? null : m.Groups[2].Value, At(value)));
            }
        }
        var unmatched = Scalar(map, "unmatched")?.Value ?? "reject";
        if (unmatched is not ("skip" or "reject"))
        {
            error(Scalar(map, "unmatched")!, "\"unmatched\" is skip (count the row as skipped) or reject (a row error)");
        }
        return new JoinSpec(table, left, right, Scalar(map, "per")?.Value, aggregates, unmatched == "skip", At(map));
    }

    private static EventSpec? ReadEvent(YamlNode node, Action<YamlNode, string> error)
    {
        if (node is not YamlMappingNode map)
        {
            error(node, "an event is a map: { type, id, at, seller, … }");
            return null;
        }
        var typeNode = Scalar(map, "type");
        if (typeNode?.Value is not { } typeName || !EventSchema.TryGetType(typeName, out var type))
        {
            error(typeNode ?? (YamlNode)map, $"unknown event type \"{typeNode?.Value}\" (see docs/events.md)");
            return null;
        }
        var allowed = new HashSet<string>(EnvelopeFields);
        allowed.UnionWith(EventFields.Of(type));
        var fields = new Dictionary<string, FieldSpec>(StringComparer.Ordinal);
        var when = new List<RowCondition>();
        var ok = true;
        foreach (var (key, value) in map.Children)
        {
            var name = Text(key);
            if (name == "type") continue;
            if (name == "when")
            {
                if (value is not YamlMappingNode conditions)
                {
                    error(value, "\"when\" is a map COLUMN: [values…]");
                    ok = false;
                    continue;
                }
                foreach (var (ck, cv) in conditions.Children)
                {
                    var items = cv is YamlSequenceNode vs ? vs.Children : [cv];
                    foreach (var bad in items.Where(v => v is not YamlScalarNode))
                    {
                        error(bad, $"\"when\": the values of column \"{Text(ck)}\" are texts");
                        ok = false;
                    }
                    when.Add(new RowCondition(Text(ck), items.Select(Text).ToList(), At(ck)));
                }
                continue;
            }
            if (!allowed.Contains(name))
            {
                error(key, $"{typeName} has no field \"{name}\" (its fields: {string.Join(", ", EventFields.Envelope.Where(f => f != "type").Concat(EventFields.Of(type)))})");
                ok = false;
                continue;
            }
            if (ReadField(name, value, error) is { } field && CheckConstants(type, field, value, error)) fields[name] = field;
            else ok = false;
        }
        foreach (var required in new[] { "id", "at", "seller" })
        {
            if (!fields.ContainsKey(required))
            {
                error(map, $"{typeName}: \"{required}\" is required (a template such as \"{{order_id}}\")");
                ok = false;
            }
        }
        return ok ? new EventSpec(type, fields, when, At(map)) : null;
    }

    private static FieldSpec? ReadField(string name, YamlNode value, Action<YamlNode, string> error)
    {
        Template? Parse(YamlNode n)
        {
            var text = (n as YamlScalarNode)?.Value;
            if (text is null)
            {
                error(n, $"field \"{name}\": expected a template text such as \"{{column}}\"");
                return null;
            }
            if (!Template.TryParse(text, out var t, out var problem))
            {
                error(n, $"field \"{name}\": {problem}");
                return null;
            }
            return t;
        }

        if (value is YamlScalarNode)
        {
            return Parse(value) is { } t ? new FieldSpec(name, t, null, false, null, At(value)) : null;
        }
        if (value is not YamlMappingNode map)
        {
            error(value, $"field \"{name}\": a template text, or a map {{ value | latest, end_of_day, map }}");
            return null;
        }
        Template? template = null;
        List<Template>? latest = null;
        var endOfDay = false;
        Dictionary<string, string>? translate = null;
        foreach (var (key, v) in map.Children)
        {
            switch (Text(key))
            {
                case "value":
                    template = Parse(v);
                    break;
                case "latest":
                    latest = [];
                    foreach (var item in v is YamlSequenceNode seq ? seq.Children : [v])
                    {
                        if (Parse(item) is { } t) latest.Add(t);
                    }
                    break;
                case "end_of_day":
                    endOfDay = (v as YamlScalarNode)?.Value is "true" or "yes";
                    break;
                case "map":
                    if (v is not YamlMappingNode pairs || pairs.Children.Any(p => p.Key is not YamlScalarNode || p.Value is not YamlScalarNode))
                    {
                        error(v, $"field \"{name}\": \"map\" is a map of texts {{ yours: theirs }}");
                        return null;
                    }
                    translate = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (from, to) in pairs.Children)
                    {
                        if (!translate.TryAdd(Text(from), Text(to)))
                        {
                            error(from, $"field \"{name}\": \"{Text(from)}\" is mapped twice");
                            return null;
                        }
                    }
                    break;
                default:
                    error(key, $"field \"{name}\": unknown key \"{Text(key)}\" (known: value, latest, end_of_day, map)");
                    return null;
            }
        }
        if ((template is null) == (latest is null))
        {
            error(map, $"field \"{name}\": give exactly one of \"value\" and \"latest\"");
            return null;
        }
        if ((endOfDay || latest is not null) && !InstantFields.Contains(name))
        {
            error(map, $"field \"{name}\": end_of_day and latest apply to instants (at, ship_by, deliver_by)");
            return null;
        }
        return new FieldSpec(name, template, latest, endOfDay, translate, At(map));
    }

    /// <summary>
    /// A field whose values the event format enumerates (status, kind, outcome…) is checked here when
    /// the mapping writes it as a constant or translates into it: "status: kaput" would otherwise
    /// reject every row at ingest instead of the mapping at load.
    /// </summary>
    private static bool CheckConstants(EventType type, FieldSpec field, YamlNode node, Action<YamlNode, string> error)
    {
        var slot = WireFields.Lookup(field.Field);
        var allowed = slot < 0 ? null : WireFields.Allowed[(int)type, slot];
        if (allowed is null) return true;
        var ok = true;
        void Check(YamlNode at, string value, string what)
        {
            if (allowed.Contains(value, StringComparer.Ordinal)) return;
            error(at, $"field \"{field.Field}\": {what} \"{value}\" is not one of {string.Join(", ", allowed)} (docs/events.md)");
            ok = false;
        }
        var spec = node as YamlMappingNode;
        if (field.Template is { } template && !template.Columns.Any() && field.Map is null)
            Check(spec is null ? node : Node(spec, "value")!, template.Text, "the value");
        if (spec is not null && Node(spec, "map") is YamlMappingNode pairs)
        {
            foreach (var (_, to) in pairs.Children) Check(to, Text(to), "the mapped value");
        }
        return ok;
    }

    /// <summary>A node's text as written; a collection where text was expected shows as its kind.</summary>
    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "[…]",
        _ => "{…}",
    };

    private static YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static YamlScalarNode? Scalar(YamlMappingNode map, string key) => Node(map, key) as YamlScalarNode;

    private static Mark At(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    [GeneratedRegex(@"^\s*(min|max|sum|first|count)\(\s*([^)]*?)\s*\)\s*$")]
    private static partial Regex AggregateCall();
}
