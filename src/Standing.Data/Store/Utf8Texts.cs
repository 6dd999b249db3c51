using System.Buffers;
using System.Text;

namespace Standing.Data.Store;

/// <summary>
/// Strings encoded as UTF-8 into one buffer, by number: a batch's ids and sellers are encoded on the
/// reading thread, so the thread that writes to SQLite binds bytes and does nothing else.
/// </summary>
internal sealed class Utf8Texts
{
    private readonly ArrayBufferWriter<byte> _bytes;
    private readonly List<int> _ends;

    public Utf8Texts(int capacity)
    {
        _bytes = new ArrayBufferWriter<byte>(Math.Max(64, capacity * 24));
        _ends = new List<int>(capacity);
    }

    public void Add(string text)
    {
        var span = _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _bytes.Advance(Encoding.UTF8.GetBytes(text, span));
        _ends.Add(_bytes.WrittenCount);
    }

    public ReadOnlySpan<byte> this[int number] => _bytes.WrittenSpan[(number == 0 ? 0 : _ends[number - 1]).._ends[number]];
}
