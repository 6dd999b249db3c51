using System.Buffers;
using System.Text;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>
/// Streams NDJSON files into an <see cref="EventIngester"/> line by line (same rules as
/// <see cref="NdjsonEventReader"/>: blank lines ignored, CRLF tolerated, a leading BOM skipped),
/// without holding the file's events in memory.
/// </summary>
public static class NdjsonFileSource
{
    private const int BufferSize = 1 << 20;

    /// <summary>Reads <paramref name="path"/>; <paramref name="progress"/> gets the bytes read as they go.</summary>
    public static void Read(string path, EventIngester ingester, Action<long>? progress = null)
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

    public static void Read(Stream utf8, string file, EventIngester ingester, Action<long>? progress = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int start = 0, end = 0, lineNumber = 0;
            var eof = false;
            var first = true;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    Line(buffer.AsSpan(start, newline), file, ++lineNumber, ingester);
                    start += newline + 1;
                    continue;
                }
                if (eof)
                {
                    if (end > start)
                    {
                        Line(buffer.AsSpan(start, end - start), file, ++lineNumber, ingester);
                    }
                    break;
                }
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int n;
                try
                {
                    n = utf8.Read(buffer, end, buffer.Length - end);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw EventFileException.CannotRead(file, ex);
                }
                progress?.Invoke(n);
                eof = n == 0;
                end += n;
                if (first && (end >= 3 || eof))
                {
                    first = false;
                    if (buffer.AsSpan(0, end).StartsWith("\uFEFF"u8))
                    {
                        start = 3;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Line(ReadOnlySpan<byte> line, string file, int number, EventIngester ingester)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }
        if (line.IsEmpty || (line[0] != '{' && line.IndexOfAnyExcept(" \t"u8) < 0))
        {
            return;
        }
        if (NdjsonEventParser.TryParse(line, out var ev, out var reason))
        {
            ingester.Add(ev, file, number);
        }
        else
        {
            ingester.Reject(new Reject(file, number, reason, Encoding.UTF8.GetString(line)));
        }
    }
}
