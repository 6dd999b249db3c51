using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads the one YAML document of a policy or CSV mapping file into nodes, or says where and why it
/// cannot: the YAML library's errors, its give-ups without a position (an unclosed "["), nesting
/// deeper than <see cref="TrackingParser.MaxDepth"/>, an alias to no anchor, a second document that
/// would otherwise be ignored. Never throws for any text.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>The root node (null for an empty file), or the first problem in <paramref name="error"/>.</summary>
    public static YamlNode? Read(string yaml, string file, out PolicyError? error)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        var parser = new TrackingParser(new Parser(scanner));
        error = null;
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var at = e.Start.Line > 0 ? e.Start : scanner.CurrentPosition;
            error = new PolicyError(file, Math.Max(1, at.Line), Math.Max(1, at.Column), "not valid YAML: " + StripMark(message));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The YAML library gives up on some broken files (an unclosed "[" followed by more lines)
            // without a position of its own: point at the unclosed bracket when there is one, else
            // at where reading stopped.
            var stopped = scanner.CurrentPosition;
            if (parser.OpenFlow is { } open)
            {
                var bracket = open.IsSequence ? "[" : "{";
                error = new PolicyError(file, open.Start.Line, open.Start.Column,
                    $"not valid YAML: the \"{bracket}\" opened here is not closed (reading stopped at line {stopped.Line}, column {stopped.Column})");
                return null;
            }
            error = new PolicyError(file, Math.Max(1, stopped.Line), Math.Max(1, stopped.Column), "not valid YAML: cannot be read past this point");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            error = new PolicyError(file, second.Line, second.Column,
                "a second YAML document starts here; the file holds one (remove the \"---\" before it, or put it in a file of its own)");
            return null;
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes its messages with "(Line: n, Col: m, …): "; the position is already ours.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
