using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// Writes events as canonical NDJSON: one object per line, the envelope first, then the fields the
/// type carries (<see cref="EventFields"/>) in canonical order, null fields omitted, instants in UTC
/// with <c>Z</c> (<see cref="NodaTime.Text.InstantPattern.ExtendedIso"/>). What it writes reads back
/// into equal records. Fields a type does not carry are not written.
/// </summary>
public sealed class NdjsonEventWriter : IDisposable
{
    private const int FlushThreshold = 1 << 20;

    internal static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText[] StatusNames =
        EventSchema.OrderStatuses.Select(s => JsonEncodedText.Encode(s)).ToArray();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold + (64 * 1024));
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    public NdjsonEventWriter(Stream utf8, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        _stream = utf8;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Events written so far.</summary>
    public long Count { get; private set; }

    /// <summary>An event just written as line <paramref name="line"/> (1-based) of a file, with its canonical line (without the newline).</summary>
    public delegate void LineWritten(StandingEvent ev, int line, ReadOnlySpan<byte> canonical);

    /// <summary>Writes <paramref name="events"/> to a new file at <paramref name="path"/> (replacing it).</summary>
    public static long WriteFile(string path, IEnumerable<StandingEvent> events) => WriteFile(path, events, null);

    /// <summary>
    /// Writes <paramref name="events"/> to a new file at <paramref name="path"/> (replacing it), telling
    /// <paramref name="written"/> of each line as it is written (the same bytes, not rendered again).
    /// </summary>
    public static long WriteFile(string path, IEnumerable<StandingEvent> events, LineWritten? written)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(events);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw EventFileException.CannotWrite(path, ex);
        }
        try
        {
            using var writer = new NdjsonEventWriter(stream);
            if (written is null)
            {
                writer.WriteAll(events);
                return writer.Count;
            }
            foreach (var ev in events)
            {
                var canonical = writer.WriteLine(ev);
                written(ev, checked((int)writer.Count), canonical);
            }
            return writer.Count;
        }
        catch (IOException ex)
        {
            throw EventFileException.CannotWrite(path, ex);
        }
    }

    /// <summary>One event as its canonical line (without the newline).</summary>
    public static string ToLine(StandingEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteObject(json, ev);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Write(StandingEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteObject(_json, ev);
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Count++;
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            Drain();
        }
    }

    /// <summary>
    /// Writes <paramref name="ev"/> as <see cref="Write"/> does and returns its canonical line as UTF-8 (without the
    /// newline), valid until the next write: for a caller that hands the same bytes on (a store's batch) instead of
    /// rendering the line a second time.
    /// </summary>
    public ReadOnlySpan<byte> WriteLine(StandingEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Drained before the line rather than after it, so the line stays in the buffer for the caller.
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            Drain();
        }
        var start = _buffer.WrittenCount;
        WriteObject(_json, ev);
        _json.Flush();
        _json.Reset();
        var end = _buffer.WrittenCount;
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Count++;
        return _buffer.WrittenSpan[start..end];
    }

    public void WriteAll(IEnumerable<StandingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var ev in events)
        {
            Write(ev);
        }
    }

    /// <summary>Writes buffered lines to the stream and flushes it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Drain();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _json.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Drain()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    internal static void WriteObject(Utf8JsonWriter json, StandingEvent ev)
    {
        var names = WireFields.Encoded;
        json.WriteStartObject();
        json.WriteString(names[(int)WireField.Id], ev.Id);
        json.WriteString(names[(int)WireField.Type], WireFields.TypeNames[(int)ev.Type]);
        WriteInstant(json, WireField.At, ev.At);
        json.WriteString(names[(int)WireField.Seller], ev.Seller);
        WriteString(json, WireField.Marketplace, ev.Marketplace);

        foreach (var field in WireFields.FieldsOf[(int)ev.Type])
        {
            switch (field)
            {
                case WireField.Order: WriteString(json, field, ev.Order); break;
                case WireField.Review: WriteString(json, field, ev.Review); break;
                case WireField.Case: WriteString(json, field, ev.Case); break;
                case WireField.Refund: WriteString(json, field, ev.Refund); break;
                case WireField.Complaint: WriteString(json, field, ev.Complaint); break;
                case WireField.Conversation: WriteString(json, field, ev.Conversation); break;
                case WireField.Buyer: WriteString(json, field, ev.Buyer); break;
                case WireField.ShipBy:
                    if (ev.ShipBy is { } shipBy)
                    {
                        WriteInstant(json, field, shipBy);
                    }
                    break;
                case WireField.DeliverBy:
                    if (ev.DeliverBy is { } deliverBy)
                    {
                        WriteInstant(json, field, deliverBy);
                    }
                    break;
                case WireField.Amount:
                    if (ev.Amount is { } amount)
                    {
                        json.WriteNumber(names[(int)field], amount);
                    }
                    break;
                case WireField.Currency: WriteString(json, field, ev.Currency); break;
                case WireField.Status: WriteStatus(json, field, ev.Status); break;
                case WireField.By: WriteString(json, field, ev.By); break;
                case WireField.From:
                    if (ev.Type == EventType.OrderStatusCorrected)
                    {
                        WriteStatus(json, field, ev.StatusFrom);
                    }
                    else
                    {
                        WriteString(json, field, ev.From);
                    }
                    break;
                case WireField.To: WriteStatus(json, field, ev.StatusTo); break;
                case WireField.Tracking: WriteString(json, field, ev.Tracking); break;
                case WireField.TrackingUrl: WriteString(json, field, ev.TrackingUrl); break;
                case WireField.Carrier: WriteString(json, field, ev.Carrier); break;
                case WireField.Stars:
                    if (ev.Stars is { } stars)
                    {
                        json.WriteNumber(names[(int)field], stars);
                    }
                    break;
                case WireField.Text: WriteString(json, field, ev.Text); break;
                case WireField.Rating: WriteString(json, field, ev.Rating); break;
                case WireField.Kind: WriteString(json, field, ev.Kind); break;
                case WireField.Outcome: WriteString(json, field, ev.Outcome); break;
                case WireField.Action: WriteString(json, field, ev.Action); break;
                case WireField.Phase: WriteString(json, field, ev.Phase); break;
                case WireField.Reason: WriteString(json, field, ev.Reason); break;
                case WireField.Agent: WriteString(json, field, ev.Agent); break;
                case WireField.Language: WriteString(json, field, ev.Language); break;
                case WireField.HumanRequested:
                    if (ev.HumanRequested is { } human)
                    {
                        json.WriteBoolean(names[(int)field], human);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"no writer for field {field}");
            }
        }
        json.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter json, WireField field, string? value)
    {
        if (value is not null)
        {
            json.WriteString(WireFields.Encoded[(int)field], value);
        }
    }

    private static void WriteStatus(Utf8JsonWriter json, WireField field, OrderStatus? status)
    {
        if (status is { } s)
        {
            json.WriteString(WireFields.Encoded[(int)field], StatusNames[(int)s]);
        }
    }

    private static void WriteInstant(Utf8JsonWriter json, WireField field, NodaTime.Instant instant)
    {
        Span<byte> text = stackalloc byte[Rfc3339.MaxFormattedLength];
        json.WriteString(WireFields.Encoded[(int)field], text[..Rfc3339.Format(instant, text)]);
    }
}
