using System.Buffers;

namespace Standing.Data.Ndjson;

/// <summary>
/// A growing byte buffer whose array is rented from the shared pool and given back by <see cref="Release"/>:
/// a store's batches of canonical lines (about 10 MB each) are then the same few arrays over and over, instead
/// of a new large-object array each batch that only a full collection takes back.
/// </summary>
internal sealed class PooledBytes : IBufferWriter<byte>
{
    private byte[] _array;
    private int _written;

    public PooledBytes(int capacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(256, capacity));

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>Gives the array back to the pool: the buffer is empty and must not be read again.</summary>
    public void Release()
    {
        var array = _array;
        _array = [];
        _written = 0;
        if (array.Length > 0) ArrayPool<byte>.Shared.Return(array);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(1, sizeHint);
        if (needed <= _array.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, _written).CopyTo(larger);
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
