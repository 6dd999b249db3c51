using System.Buffers;
using System.Text;
using System.Text.Json;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// The canonical lines (<see cref="NdjsonEventWriter"/>) of many events, as UTF-8 in one buffer: rendered
/// here with one JSON writer, or taken as already rendered (<see cref="Add"/>, from a writer that has just put
/// them in a file). A batch of lines costs no allocation per event, and a store can bind the bytes as they are.
/// </summary>
public sealed class CanonicalLineBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes;
    private int[] _ends;
    private int _count;

    /// <summary>Renders the lines of <paramref name="events"/> at <paramref name="indexes"/>: line k is that of events[indexes[k]].</summary>
    public CanonicalLineBuffer(IReadOnlyList<StandingEvent> events, IReadOnlyList<int> indexes)
        : this(indexes?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(indexes);
        using var json = new Utf8JsonWriter(_bytes, NdjsonEventWriter.Options);
        for (var k = 0; k < indexes.Count; k++)
        {
            json.Reset();
            NdjsonEventWriter.WriteObject(json, events[indexes[k]]);
            json.Flush();
            _ends[_count++] = _bytes.WrittenCount;
        }
    }

    /// <summary>An empty buffer with room for about <paramref name="capacity"/> lines, filled by <see cref="Add"/>.</summary>
    public CanonicalLineBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _bytes = new ArrayBufferWriter<byte>(Math.Max(256, capacity * 256));
        _ends = new int[Math.Max(1, capacity)];
    }

    public int Count => _count;

    /// <summary>Line <paramref name="number"/> as UTF-8 (without a newline).</summary>
    public ReadOnlySpan<byte> this[int number]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)number, (uint)_count, nameof(number));
            var start = number == 0 ? 0 : _ends[number - 1];
            return _bytes.WrittenSpan[start.._ends[number]];
        }
    }

    /// <summary>Line <paramref name="number"/> as a string.</summary>
    public string Text(int number) => Encoding.UTF8.GetString(this[number]);

    /// <summary>Appends a line rendered elsewhere: the caller vouches it is an event's canonical line (without a newline).</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        if (_count == _ends.Length) Array.Resize(ref _ends, _count * 2);
        line.CopyTo(_bytes.GetSpan(line.Length));
        _bytes.Advance(line.Length);
        _ends[_count++] = _bytes.WrittenCount;
    }
}
