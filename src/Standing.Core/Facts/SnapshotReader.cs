using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Standing.Core.Facts;

/// <summary>
/// Reads what a <see cref="BinaryWriter"/> wrote into a snapshot, straight from its bytes: the same
/// encodings (little-endian numbers, 7-bit lengths, length-prefixed UTF-8 strings) and the same
/// exceptions on bytes that end too soon or do not decode. A daily run decodes every seller's stored
/// facts; a <see cref="BinaryReader"/> over a stream pays a virtual call and a bounds check per byte.
/// </summary>
internal sealed class SnapshotReader(byte[] bytes, Encoding encoding)
{
    private int _position;

    /// <summary>The bytes read from (facts keep offsets in them, see <see cref="SkipString"/>).</summary>
    public byte[] Bytes => bytes;

    /// <summary>How many bytes have been read.</summary>
    public int Position => _position;

    /// <summary>How many bytes are left.</summary>
    public int Remaining => bytes.Length - _position;

    public byte ReadByte()
    {
        if (_position >= bytes.Length) throw new EndOfStreamException();
        return bytes[_position++];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(sizeof(ushort)));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public decimal ReadDecimal()
    {
        var span = Take(16);
        // BinaryWriter's order (lo, mid, hi, flags); the constructor refuses flags no decimal has.
        ReadOnlySpan<int> bits =
        [
            BinaryPrimitives.ReadInt32LittleEndian(span),
            BinaryPrimitives.ReadInt32LittleEndian(span[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[12..]),
        ];
        return new decimal(bits);
    }

    /// <summary>Up to <paramref name="count"/> bytes: fewer at the end, as <see cref="BinaryReader.ReadBytes"/> gives.</summary>
    public byte[] ReadBytes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Take(Math.Min(count, Remaining)).ToArray();
    }

    public string ReadString()
    {
        var length = Read7BitEncodedInt();
        if (length < 0) throw new IOException($"string length {length}");
        return length == 0 ? string.Empty : encoding.GetString(Take(length));
    }

    /// <summary>
    /// Passes over a string <see cref="ReadString"/> would read, checking that it decodes, without making it:
    /// returns where it starts (its length's first byte), for <see cref="StringAt"/> to make it when it is asked for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SkipString()
    {
        var start = _position;
        var length = Read7BitEncodedInt();
        if (length < 0) throw new IOException($"string length {length}");
        if (!System.Text.Unicode.Utf8.IsValid(Take(length))) throw new DecoderFallbackException("a string that is not UTF-8");
        return start;
    }

    /// <summary>
    /// Passes over a string <see cref="ReadString"/> would read without looking at its bytes: for the lists a
    /// reader did not ask for, which are neither made nor checked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PassString()
    {
        var length = Read7BitEncodedInt();
        if (length < 0) throw new IOException($"string length {length}");
        Pass(length);
    }

    /// <summary>Passes over <paramref name="count"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pass(int count)
    {
        if (count > Remaining) throw new EndOfStreamException();
        _position += count;
    }

    /// <summary>The string a <see cref="SkipString"/> passed over at <paramref name="start"/> in <paramref name="bytes"/>.</summary>
    public static string StringAt(byte[] bytes, int start)
    {
        var reader = new SnapshotReader(bytes, Encoding.UTF8);
        reader._position = start;
        return reader.ReadString();
    }

    /// <summary>
    /// A fact's text field kept as a string or, until asked for, as the snapshot's bytes (its offset in
    /// <paramref name="at"/>): the string, made once and kept in the field.
    /// </summary>
    public static string? Text(ref object? field, int at)
    {
        var value = field; // read once: another thread may put the string in its place
        return value is byte[] snapshot ? (string)(field = StringAt(snapshot, at)) : (string?)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read7BitEncodedInt()
    {
        uint result = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            var b = ReadByte();
            result |= (b & 0x7Fu) << shift;
            if (b <= 0x7F) return (int)result;
        }
        // The fifth byte holds the top four bits only.
        var last = ReadByte();
        if (last > 0b_1111) throw new FormatException("a 7-bit encoded int of more than 32 bits");
        return (int)(result | ((uint)last << 28));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Read7BitEncodedInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = ReadByte();
            result |= (b & 0x7Ful) << shift;
            if (b <= 0x7F) return (long)result;
        }
        // The tenth byte holds the top bit only.
        var last = ReadByte();
        if (last > 0b_1) throw new FormatException("a 7-bit encoded int of more than 64 bits");
        return (long)(result | ((ulong)last << 63));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining) throw new EndOfStreamException();
        var span = new ReadOnlySpan<byte>(bytes, _position, count);
        _position += count;
        return span;
    }
}
