using System.Buffers.Binary;
using System.Text;

namespace Standing.Core.Facts;

/// <summary>
/// Stored facts grown by new orders without being encoded again: what a write of new orders costs is then
/// passing over the stored orders and writing the new ones, not writing the seller's whole history.
/// </summary>
public static partial class FactSnapshot
{
    /// <summary>
    /// The bytes <see cref="Write"/> gives for the facts of <paramref name="stored"/> (bytes <see cref="Write"/>
    /// wrote) with <paramref name="added"/> put after their orders and nothing else changed: the stored bytes with
    /// the order count raised and the new orders' bytes after the last stored order. Null when
    /// <paramref name="stored"/> is not a snapshot of this format, or not one at all.
    /// </summary>
    /// <remarks>
    /// Equal to writing the facts again only because the layout keeps the orders as one counted list whose
    /// items are written each on its own, and reading a snapshot and writing it again gives the same bytes;
    /// a test holds this method to <see cref="Write"/> byte for byte.
    /// </remarks>
    public static byte[]? WithOrdersAdded(byte[] stored, IReadOnlyList<OrderFact> added)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(added);
        int countAt, count, ordersEnd;
        try
        {
            var r = new SnapshotReader(stored, Utf8);
            if (r.ReadInt32() != Format) return null;
            r.PassString(); // the seller
            ReadInstant(r);
            ReadText(r);
            ReadAll(r, () => new SellerPlan(r.ReadString(), ReadInstant(r)!.Value, ReadText(r)));
            countAt = r.Position;
            PassOrders(r); // only their end is wanted: passed over field by field, none made
            ordersEnd = r.Position;
            count = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(countAt));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or DecoderFallbackException or InvalidOperationException
            or ArgumentException or ArithmeticException or IndexOutOfRangeException)
        {
            return null;
        }

        using var buffer = new MemoryStream(64 * added.Count + 16);
        using (var w = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            foreach (var order in added) WriteOrder(w, order);
        }
        var grown = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var bytes = new byte[stored.Length + grown.Length];
        stored.AsSpan(0, ordersEnd).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(countAt), checked(count + added.Count));
        grown.CopyTo(bytes.AsSpan(ordersEnd));
        stored.AsSpan(ordersEnd).CopyTo(bytes.AsSpan(ordersEnd + grown.Length));
        return bytes;
    }
}
