using System.Buffers;
using System.Text;
using System.Text.Json;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// The canonical lines (<see cref="NdjsonEventWriter"/>) of many events, rendered as UTF-8 into one
/// buffer with one JSON writer: a batch of lines costs no allocation per event, and a store can bind
/// the bytes as they are.
/// </summary>
public sealed class CanonicalLineBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes;
    private readonly int[] _ends;

    /// <summary>Renders the lines of <paramref name="events"/> at <paramref name="indexes"/>: line k is that of events[indexes[k]].</summary>
    public CanonicalLineBuffer(IReadOnlyList<StandingEvent> events, IReadOnlyList<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(indexes);
        _bytes = new ArrayBufferWriter<byte>(Math.Max(256, indexes.Count * 256));
        _ends = new int[indexes.Count];
        using var json = new Utf8JsonWriter(_bytes, NdjsonEventWriter.Options);
        for (var k = 0; k < indexes.Count; k++)
        {
            json.Reset();
            NdjsonEventWriter.WriteObject(json, events[indexes[k]]);
            json.Flush();
            _ends[k] = _bytes.WrittenCount;
        }
    }

    public int Count => _ends.Length;

    /// <summary>Line <paramref name="number"/> as UTF-8 (without a newline).</summary>
    public ReadOnlySpan<byte> this[int number]
    {
        get
        {
            var start = number == 0 ? 0 : _ends[number - 1];
            return _bytes.WrittenSpan[start.._ends[number]];
        }
    }

    /// <summary>Line <paramref name="number"/> as a string.</summary>
    public string Text(int number) => Encoding.UTF8.GetString(this[number]);
}
