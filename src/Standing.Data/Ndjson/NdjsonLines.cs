using System.Buffers;

namespace Standing.Data.Ndjson;

/// <summary>Receives one line (without its <c>\n</c>; a <c>\r</c> before it is left for the caller) and its 1-based number.</summary>
public delegate void NdjsonLineHandler(ReadOnlySpan<byte> line, int number);

/// <summary>
/// Splits a UTF-8 stream into lines without decoding it: a pooled buffer that grows to hold the
/// longest line, a UTF-8 byte order mark before the first line skipped, a last line without a
/// terminator still delivered. Read failures become <see cref="EventFileException"/> naming the file.
/// </summary>
public static class NdjsonLines
{
    private const int InitialBuffer = 1 << 20;

    /// <summary>
    /// What of a line is an event's text: the line without a trailing <c>\r</c> (CRLF tolerated), or
    /// nothing when it is blank (spaces and tabs only), which no reader counts as an event or a reject.
    /// </summary>
    public static ReadOnlySpan<byte> EventText(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }
        return line.IsEmpty || (line[0] != '{' && line.IndexOfAnyExcept(" \t"u8) < 0) ? [] : line;
    }

    /// <param name="utf8">The stream to read to its end.</param>
    /// <param name="file">The stream's name in messages.</param>
    /// <param name="line">Called for each line, in order.</param>
    /// <param name="firstBlock">Called once with what the first read returned, before any line (e.g. to size a log from it).</param>
    /// <param name="progress">Called with the byte count of each read.</param>
    public static void Read(Stream utf8, string file, NdjsonLineHandler line, Action<ReadOnlySpan<byte>>? firstBlock = null, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(line);

        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var start = 0;
            var end = 0;
            var eof = false;
            var first = true;
            var reads = 0;
            var lineNumber = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line(buffer.AsSpan(start, newline), ++lineNumber);
                    start += newline + 1;
                    continue;
                }
                if (eof)
                {
                    if (end > start)
                    {
                        line(buffer.AsSpan(start, end - start), ++lineNumber);
                    }
                    break;
                }

                // Need more: move the partial line to the front, grow if it fills the buffer.
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
                if (reads++ == 0)
                {
                    firstBlock?.Invoke(buffer.AsSpan(0, end));
                }
                if (first && (end >= 3 || eof))
                {
                    // A UTF-8 byte order mark before the first line is not part of it.
                    first = false;
                    if (lineNumber == 0 && buffer.AsSpan(0, end).StartsWith("\uFEFF"u8))
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
}
