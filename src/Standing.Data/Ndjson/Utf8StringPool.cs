using System.Text;

namespace Standing.Data.Ndjson;

/// <summary>
/// A small direct-mapped cache from UTF-8 bytes to strings, for fields with few distinct values
/// (seller, marketplace, currency, carrier, agent): a million events of a few thousand sellers then
/// share a few thousand strings, which keeps the retained log smaller and the GC cheaper.
/// Not thread-safe: one per reader.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int Size = 4096;
    private const int MaxLength = 64;
    private readonly byte[]?[] _keys = new byte[]?[Size];
    private readonly string?[] _values = new string?[Size];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Size - 1);
        var key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }
        var value = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }
}
