using System.Text;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>
/// Streams NDJSON files into an <see cref="EventIngester"/> (or any <see cref="IEventSink"/>) line by line (same rules as
/// <see cref="NdjsonEventReader"/>: blank lines ignored, CRLF tolerated, a leading BOM skipped),
/// without holding the file's events in memory.
/// </summary>
public static class NdjsonFileSource
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="progress"/> gets the bytes read as they go.</summary>
    public static void Read(string path, IEventSink ingester, Action<long>? progress = null)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw EventFileException.CannotRead(path, ex);
        }
        using (stream)
        {
            Read(stream, path, ingester, progress);
        }
    }

    public static void Read(Stream utf8, string file, IEventSink ingester, Action<long>? progress = null) =>
        NdjsonLines.Read(utf8, file, (line, number) => Line(line, file, number, ingester), progress: progress is null ? null : n => progress(n));

    private static void Line(ReadOnlySpan<byte> line, string file, int number, IEventSink ingester)
    {
        line = NdjsonLines.EventText(line);
        if (line.IsEmpty)
        {
            return;
        }
        if (NdjsonEventParser.TryParseIncoming(line, out var ev, out var reason, out var column))
        {
            ingester.Add(ev, file, number);
        }
        else
        {
            ingester.Reject(new Reject(file, number, reason, Encoding.UTF8.GetString(line)) { Column = column > 0 ? column : null });
        }
    }
}
