using Standing.Data.Ndjson;

namespace Standing.Cli.Input;

/// <summary>Notes on stderr about input that was read without error but is probably not what was meant.</summary>
internal static class InputNotes
{
    /// <summary>
    /// Says so when the inputs held no events at all (an empty file or a folder without event files),
    /// and hints at <c>--mapping</c> when a file's first line looks like a CSV header rather than JSON.
    /// </summary>
    public static void Write(IReadOnlyList<string> inputs, long eventsRead, IReadOnlyList<Reject> rejects, TextWriter stderr)
    {
        if (eventsRead == 0 && rejects.Count == 0)
        {
            stderr.WriteLine($"note: no events in {(inputs.Count == 0 ? "the input" : string.Join(", ", inputs))}");
        }
        foreach (var first in rejects.Where(r => r.Line == 1 && LooksLikeCsv(r.Raw)).DistinctBy(r => r.File))
        {
            stderr.WriteLine($"note: {first.File} looks like CSV, not NDJSON (its first line has commas and is not JSON): to read a CSV export, ingest it with --mapping MAPPING.yaml (see docs/ingest.md)");
        }
    }

    private static bool LooksLikeCsv(string line)
    {
        var trimmed = line.TrimStart('\uFEFF', ' ', '\t');
        return trimmed.Length > 0 && trimmed[0] != '{' && trimmed[0] != '[' && trimmed.Contains(',', StringComparison.Ordinal);
    }
}
