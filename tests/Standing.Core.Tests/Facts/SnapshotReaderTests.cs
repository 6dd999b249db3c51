using System.Text;
using Standing.Core.Facts;

namespace Standing.Core.Tests.Facts;

/// <summary>
/// The snapshot reader against the framework's own pair: whatever a <see cref="BinaryWriter"/> wrote, it reads
/// the values a <see cref="BinaryReader"/> reads, and it fails where that one fails (bytes ending too soon,
/// a 7-bit number too long, bytes that are not UTF-8).
/// </summary>
public sealed class SnapshotReaderTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly int[] Ints = [0, 1, 127, 128, 16_383, 16_384, -1, int.MinValue, int.MaxValue];
    private static readonly long[] Longs = [0, 1, 127, 128, -1, long.MinValue, long.MaxValue, 1L << 35, (1L << 62) + 5];
    private static readonly string[] Strings = ["", "a", "shop-α", "店铺-😀", new string('x', 200), new string('ż', 5_000)];
    private static readonly decimal[] Decimals = [0m, -0.0001m, 1234.5678m, decimal.MaxValue, decimal.MinValue, 7.9228162514264337593543950335m];

    private static byte[] Written()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            foreach (var i in Ints)
            {
                w.Write(i);
                w.Write7BitEncodedInt(i);
                w.Write((ushort)i);
                w.Write((byte)i);
                w.Write(i % 2 == 0);
            }
            foreach (var l in Longs)
            {
                w.Write(l);
                w.Write7BitEncodedInt64(l);
            }
            foreach (var s in Strings) w.Write(s);
            foreach (var d in Decimals) w.Write(d);
            w.Write([1, 2, 3]);
        }
        return buffer.ToArray();
    }

    [Fact]
    public void It_reads_what_a_binary_reader_reads_from_what_a_binary_writer_wrote()
    {
        var bytes = Written();
        var expected = new BinaryReader(new MemoryStream(bytes), Utf8);
        var actual = new SnapshotReader(bytes, Utf8);
        foreach (var _ in Ints)
        {
            Assert.Equal(expected.ReadInt32(), actual.ReadInt32());
            Assert.Equal(expected.Read7BitEncodedInt(), actual.Read7BitEncodedInt());
            Assert.Equal(expected.ReadUInt16(), actual.ReadUInt16());
            Assert.Equal(expected.ReadByte(), actual.ReadByte());
            Assert.Equal(expected.ReadBoolean(), actual.ReadBoolean());
        }
        foreach (var _ in Longs)
        {
            Assert.Equal(expected.ReadInt64(), actual.ReadInt64());
            Assert.Equal(expected.Read7BitEncodedInt64(), actual.Read7BitEncodedInt64());
        }
        foreach (var _ in Strings) Assert.Equal(expected.ReadString(), actual.ReadString());
        foreach (var _ in Decimals) Assert.Equal(expected.ReadDecimal(), actual.ReadDecimal());
        // Asked for more than is left, both give what is left.
        Assert.Equal(expected.ReadBytes(10), actual.ReadBytes(10));
        Assert.Equal(bytes.Length, actual.Position);
        Assert.Equal(0, actual.Remaining);
    }

    [Fact]
    public void Bytes_that_end_too_soon_fail_as_the_binary_reader_fails()
    {
        var bytes = Written();
        // Every prefix of the values: reading them all must fail with the same exception type at the same read.
        foreach (var length in new[] { 0, 1, 3, 5, 9, 40, bytes.Length / 2, bytes.Length - 20, bytes.Length - 4 })
        {
            var cut = bytes[..length];
            var expected = Failure(() => ReadAll(new BinaryReaderReads(new BinaryReader(new MemoryStream(cut), Utf8))));
            var actual = Failure(() => ReadAll(new SnapshotReaderReads(new SnapshotReader(cut, Utf8))));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_seven_bit_number_too_long_and_bytes_that_are_not_utf8_fail_as_the_binary_reader_fails()
    {
        byte[] tooLong32 = [0x80, 0x80, 0x80, 0x80, 0x7F];
        byte[] tooLong64 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02];
        byte[] notUtf8 = [2, 0xC3, 0x28];
        Assert.Equal(Failure(() => new BinaryReader(new MemoryStream(tooLong32)).Read7BitEncodedInt()), Failure(() => new SnapshotReader(tooLong32, Utf8).Read7BitEncodedInt()));
        Assert.Equal(Failure(() => new BinaryReader(new MemoryStream(tooLong64)).Read7BitEncodedInt64()), Failure(() => new SnapshotReader(tooLong64, Utf8).Read7BitEncodedInt64()));
        Assert.Equal(Failure(() => new BinaryReader(new MemoryStream(notUtf8), Utf8).ReadString()), Failure(() => new SnapshotReader(notUtf8, Utf8).ReadString()));
    }

    [Fact]
    public void A_string_passed_over_is_made_later_equal_to_the_one_read_and_fails_at_once_where_reading_fails()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            foreach (var s in Strings) w.Write(s);
        }
        var bytes = buffer.ToArray();
        var skipped = new SnapshotReader(bytes, Utf8);
        var starts = Strings.Select(_ => skipped.SkipString()).ToList();
        Assert.Equal(bytes.Length, skipped.Position);
        // The strings written, not what another reader made of them: each is the text given to the writer.
        Assert.Equal(Strings, starts.Select(start => SnapshotReader.StringAt(bytes, start)));

        // Not UTF-8 (a lead byte with no continuation) and cut short: refused when passed over, as when read.
        byte[] notUtf8 = [2, 0xC3, 0x28];
        Assert.Equal(Failure(() => new SnapshotReader(notUtf8, Utf8).ReadString()), Failure(() => new SnapshotReader(notUtf8, Utf8).SkipString()));
        byte[] cut = [5, (byte)'a', (byte)'b'];
        Assert.Equal(Failure(() => new SnapshotReader(cut, Utf8).ReadString()), Failure(() => new SnapshotReader(cut, Utf8).SkipString()));
        Assert.Equal("EndOfStreamException", Failure(() => new SnapshotReader(cut, Utf8).SkipString()));
        Assert.Equal("DecoderFallbackException", Failure(() => new SnapshotReader(notUtf8, Utf8).SkipString()));
    }

    /// <summary>The reads of <see cref="Written"/>, in order, through either reader; returns how many values were read.</summary>
    private static int ReadAll(IReads r)
    {
        var count = 0;
        foreach (var _ in Ints)
        {
            r.Int32();
            r.Seven();
            r.UInt16();
            r.Byte();
            r.Boolean();
            count += 5;
        }
        foreach (var _ in Longs)
        {
            r.Int64();
            r.Seven64();
            count += 2;
        }
        foreach (var _ in Strings)
        {
            r.String();
            count++;
        }
        foreach (var _ in Decimals)
        {
            r.Decimal();
            count++;
        }
        return count;
    }

    private static string Failure<T>(Func<T> read)
    {
        try
        {
            return $"read {read()}";
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    private interface IReads
    {
        void Int32();
        void Seven();
        void UInt16();
        void Byte();
        void Boolean();
        void Int64();
        void Seven64();
        void String();
        void Decimal();
    }

    private sealed class BinaryReaderReads(BinaryReader r) : IReads
    {
        public void Int32() => r.ReadInt32();
        public void Seven() => r.Read7BitEncodedInt();
        public void UInt16() => r.ReadUInt16();
        public void Byte() => r.ReadByte();
        public void Boolean() => r.ReadBoolean();
        public void Int64() => r.ReadInt64();
        public void Seven64() => r.Read7BitEncodedInt64();
        public void String() => r.ReadString();
        public void Decimal() => r.ReadDecimal();
    }

    private sealed class SnapshotReaderReads(SnapshotReader r) : IReads
    {
        public void Int32() => r.ReadInt32();
        public void Seven() => r.Read7BitEncodedInt();
        public void UInt16() => r.ReadUInt16();
        public void Byte() => r.ReadByte();
        public void Boolean() => r.ReadBoolean();
        public void Int64() => r.ReadInt64();
        public void Seven64() => r.Read7BitEncodedInt64();
        public void String() => r.ReadString();
        public void Decimal() => r.ReadDecimal();
    }
}
