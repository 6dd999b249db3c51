using System.Text;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// Reads NDJSON event files (UTF-8, one JSON object per line; blank lines ignored; CRLF tolerated;
/// a leading BOM skipped) into an <see cref="EventLog"/>. A bad line becomes a <see cref="Reject"/>
/// and the other lines still go through; a conflicting duplicate id is a reject too, at the line of
/// the later event. A file that cannot be read at all raises <see cref="EventFileException"/>.
/// </summary>
public sealed class NdjsonEventReader
{
    private readonly List<Reject> _rejects = [];

    public NdjsonEventReader()
        : this(new EventLog())
    {
    }

    /// <param name="log">The log to feed (e.g. one already holding events read elsewhere).</param>
    public NdjsonEventReader(EventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Log = log;
    }

    public EventLog Log { get; }

    public IReadOnlyList<Reject> Rejects => _rejects;

    /// <summary>Lines read so far over all files, blank lines included.</summary>
    public long LinesRead { get; private set; }

    public EventReadResult Result => new(Log, _rejects, LinesRead);

    /// <summary>Reads the files in order into a fresh log.</summary>
    public static EventReadResult ReadFiles(params IEnumerable<string> paths)
    {
        var reader = new NdjsonEventReader();
        foreach (var path in paths)
        {
            reader.ReadFile(path);
        }
        return reader.Result;
    }

    /// <summary>Reads one file; <paramref name="path"/> is also its name in rejects and messages.</summary>
    public void ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
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
            Read(stream, path);
        }
    }

    /// <summary>Reads NDJSON from <paramref name="utf8"/>, naming it <paramref name="file"/> in rejects.</summary>
    public void Read(Stream utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(file);

        var remaining = Remaining(utf8);
        NdjsonLines.Read(
            utf8,
            file,
            (line, number) => Line(line, file, number),
            firstBlock: block =>
            {
                if (remaining > 0) MakeRoom(block, remaining);
            });
    }

    /// <summary>Bytes left in the stream when it knows (a file; also a wrapper that reports its file's length), else 0.</summary>
    private static long Remaining(Stream stream)
    {
        try
        {
            return Math.Max(0, stream.Length - stream.Position);
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Sizes the log for the whole stream from the first buffer's average line length, so reading a
    /// large file does not regrow (and re-copy) the log's lists and id index as it goes.
    /// </summary>
    private void MakeRoom(ReadOnlySpan<byte> firstBytes, long streamBytes)
    {
        var lines = firstBytes.Count((byte)'\n');
        if (lines < 16) return;
        var expected = streamBytes / ((double)firstBytes.Length / lines);
        Log.EnsureCapacity((int)Math.Min(Array.MaxLength / 2, Log.AcceptedCount + (expected * 1.02) + 64));
    }

    private void Line(ReadOnlySpan<byte> line, string file, int number)
    {
        LinesRead++;
        line = NdjsonLines.EventText(line);
        if (line.IsEmpty)
        {
            return;
        }

        if (!NdjsonEventParser.TryParseIncoming(line, out var ev, out var reason, out var column))
        {
            _rejects.Add(new Reject(file, number, reason, Encoding.UTF8.GetString(line)) { Column = column > 0 ? column : null });
            return;
        }
        if (Log.Add(ev, file, number, out var conflict) == EventLogOutcome.Conflict)
        {
            _rejects.Add(new Reject(file, number, conflict!, Encoding.UTF8.GetString(line)));
        }
    }
}
