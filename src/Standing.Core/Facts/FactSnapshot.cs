using System.Runtime.CompilerServices;
using System.Text;
using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// One seller's folded facts as bytes, for a store to keep between runs: reading them back gives facts
/// equal, field for field, to the ones written. The layout is private to this build: it starts with
/// <see cref="Format"/>, and a store drops (folds again) any snapshot written in another format.
/// </summary>
/// <remarks>
/// A hand-written binary layout rather than JSON: the facts keep their instants as compact longs
/// (<see cref="CompactInstant"/>), which are written as they are, and reading a seller back must cost
/// less than folding its events again, or keeping the snapshot would not pay.
/// </remarks>
public static partial class FactSnapshot
{
    /// <summary>
    /// The layout's number; change it whenever a fact gains, loses or changes a field, and whenever
    /// folding changes what a field holds: facts stored by an older fold are then folded again.
    /// </summary>
    public const int Format = 7; // 7: orders in their compact form (present instants as offsets from the placement)

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The facts of one seller, as bytes.</summary>
    public static byte[] Write(SellerFacts facts)
    {
        if (facts.Kinds != FactKinds.All)
        {
            // Facts decoded without some of their lists would be stored as if the seller had none of those.
            throw new ArgumentException($"the facts of {facts.Seller} hold only {facts.Kinds}: they cannot be stored", nameof(facts));
        }
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            w.Write(Format);
            w.Write(facts.Seller);
            WriteInstant(w, facts.RegisteredAt);
            WriteText(w, facts.Language);
            WriteAll(w, facts.Plans, p => { w.Write(p.Id); WriteInstant(w, p.At); WriteText(w, p.Text); });
            WriteAll(w, facts.OrderArray, o => WriteOrder(w, o));
            WriteAll(w, facts.ReviewArray, r => WriteReview(w, r));
            WriteAll(w, facts.CaseArray, c => WriteCase(w, c));
            WriteAll(w, facts.ComplaintArray, c => { w.Write(c.Complaint); WriteInstant(w, c.FiledAt); WriteText(w, c.Kind); WriteText(w, c.Order); WriteInstant(w, c.OrderRiskFlaggedAt); });
            WriteAll(w, facts.RefundArray, r => WriteRefund(w, r));
            WriteAll(w, facts.ConversationArray, c => WriteConversation(w, c));
            WriteAll(w, facts.MessageArray, m => WriteMessage(w, m));
            WriteAll(w, facts.AgentMessageArray, m =>
            {
                w.Write(m.Message);
                WriteInstant(w, m.At);
                w.Write(m.Conversation);
                WriteText(w, m.Agent);
                WriteText(w, m.Text);
            });
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The facts <see cref="Write"/> wrote, or null when <paramref name="bytes"/> are in another format
    /// (a store written by another build) or are not a snapshot at all.
    /// </summary>
    public static SellerFacts? Read(byte[] bytes) => Read(bytes, FactKinds.All);

    /// <summary>
    /// The facts <see cref="Write"/> wrote with only the lists of <paramref name="kinds"/> (and the seller's own
    /// fields), or null as <see cref="Read(byte[])"/> says. The lists not asked for are not made: those stored
    /// before one asked for are passed over, those after the last one asked for not read at all. So only the
    /// bytes read are checked: a snapshot damaged past them gives the lists asked for, which are as stored
    /// (<see cref="Read(byte[])"/> refuses it, and the store folds the seller again on its next whole read).
    /// The facts know what they hold (<see cref="SellerFacts.Kinds"/>) and cannot be written again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ReadOrders
    public static SellerFacts? Read(byte[] bytes, FactKinds kinds)
    {
        try
        {
            var r = new SnapshotReader(bytes, Utf8);
            if (r.ReadInt32() != Format)
            {
                return null;
            }
            var seller = r.ReadString();
            var registeredAt = ReadInstant(r);
            var language = ReadText(r);
            var plans = ReadAll(r, () => new SellerPlan(r.ReadString(), ReadInstant(r)!.Value, ReadText(r)));
            OrderFact[] orders = [];
            ReviewFact[] reviews = [];
            CaseFact[] cases = [];
            ComplaintFact[] complaints = [];
            RefundFact[] refunds = [];
            ConversationFact[] conversations = [];
            MessageFact[] messages = [];
            AgentMessageFact[] agentMessages = [];
            // The lists in the order Write wrote them.
            for (var kind = FactKinds.Orders; kind <= FactKinds.AgentMessages; kind = (FactKinds)((int)kind << 1))
            {
                if ((kinds & ~(kind - 1)) == 0) break; // none asked for from here on
                var wanted = (kinds & kind) != 0;
                switch (kind)
                {
                    case FactKinds.Orders when wanted: orders = ReadOrders(r, seller); break;
                    case FactKinds.Orders: PassOrders(r); break;
                    case FactKinds.Reviews when wanted: reviews = ReadReviews(r, seller); break;
                    case FactKinds.Reviews: PassReviews(r); break;
                    // The other lists are short: made and dropped when not asked for.
                    case FactKinds.Cases: cases = ReadAll(r, () => ReadCase(r, seller)); break;
                    case FactKinds.Complaints:
                        complaints = ReadAll(r, () => new ComplaintFact(seller, r.ReadString()) { FiledAt = ReadInstant(r), Kind = ReadText(r), Order = ReadText(r), OrderRiskFlaggedAt = ReadInstant(r) });
                        break;
                    case FactKinds.Refunds: refunds = ReadAll(r, () => ReadRefund(r, seller)); break;
                    case FactKinds.Conversations: conversations = ReadAll(r, () => ReadConversation(r, seller)); break;
                    case FactKinds.Messages: messages = ReadAll(r, () => ReadMessage(r, seller)); break;
                    case FactKinds.AgentMessages:
                        agentMessages = ReadAll(r, () => new AgentMessageFact(seller, r.ReadString(), ReadInstant(r)!.Value, r.ReadString(), ReadText(r), ReadText(r)));
                        // Read to its end: the snapshot must end there.
                        if (r.Position != bytes.Length) return null;
                        break;
                }
            }
            return new SellerFacts(seller, orders, reviews, cases)
            {
                RegisteredAt = registeredAt,
                Language = language,
                Plans = plans,
                ComplaintArray = complaints,
                RefundArray = refunds,
                ConversationArray = conversations,
                MessageArray = messages,
                AgentMessageArray = agentMessages,
                Kinds = kinds & FactKinds.All,
            };
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or DecoderFallbackException or InvalidOperationException
            or ArgumentException or ArithmeticException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// An order in few bytes: which instants it has (a bit each), each as a variable-length offset from
    /// its placement (exact nanoseconds; an instant out of the compact range in full), then the rest,
    /// with a bit for each value present. A generated order (placement, two promises, buyer, amount)
    /// takes about 40 bytes besides its ids.
    /// </summary>
    private static void WriteOrder(BinaryWriter w, OrderFact o)
    {
        w.Write(o.Order);
        WriteText(w, o.Buyer);
        Span<long> raws = stackalloc long[OrderFact.Slots];
        int present = 0, far = 0;
        for (var slot = 0; slot < OrderFact.Slots; slot++)
        {
            raws[slot] = OrderRaw(o, slot);
            if (raws[slot] == CompactInstant.Missing) continue;
            present |= 1 << slot;
            if (raws[slot] == CompactInstant.Far) far |= 1 << slot;
        }
        w.Write((ushort)present);
        w.Write((ushort)far);
        var origin = (far & 1) == 0 && (present & 1) != 0 ? raws[OrderFact.PlacedSlot] : 0;
        for (var slot = 0; slot < OrderFact.Slots; slot++)
        {
            if ((far & (1 << slot)) != 0)
            {
                WriteInstant(w, o.At(slot));
            }
            else if ((present & (1 << slot)) != 0)
            {
                w.Write7BitEncodedInt64((long)ZigZag(slot == OrderFact.PlacedSlot ? raws[slot] : unchecked(raws[slot] - origin)));
            }
        }
        var flags = (o.Amount.HasValue ? OrderHasAmount : 0) | (o.Status.HasValue ? OrderHasStatus : 0) | (o.StatusCorrected ? OrderStatusCorrected : 0)
            | (o.LowestReviewStars.HasValue ? OrderHasStars : 0);
        w.Write((byte)flags);
        if (o.Amount is { } amount) WriteAmount(w, amount);
        if (o.Status is { } status) w.Write((byte)status);
        if (o.LowestReviewStars is { } stars) w.Write7BitEncodedInt64((long)ZigZag(stars));
        WriteText(w, o.CancelledBy);
        WriteText(w, o.Tracking);
        WriteText(w, o.TrackingUrl);
        WriteText(w, o.LowestReview);
        WriteText(w, o.FirstCase);
        w.Write7BitEncodedInt(o.CaseCount);
    }

    private const int OrderHasAmount = 1, OrderHasStatus = 2, OrderStatusCorrected = 4, OrderHasStars = 8;

    /// <summary>The compact instant of a slot, the explicit one for OPEN (its getter falls back to the placement).</summary>
    private static long OrderRaw(OrderFact o, int slot) => slot switch
    {
        OrderFact.PlacedSlot => o.PlacedAtRaw,
        OrderFact.ShipBySlot => o.ShipBy is { } at ? Raw(at) : CompactInstant.Missing,
        OrderFact.DeliverBySlot => o.DeliverBy is { } at ? Raw(at) : CompactInstant.Missing,
        _ => o.RawAt(slot),
    };

    private static long Raw(Instant at) => CompactInstant.TryEncode(at, out var raw) ? raw : CompactInstant.Far;

    // Decoding a store's facts is a job of seconds that runs these few methods millions of times: compiled
    // optimized at once rather than run first as ahead-of-time code, then instrumented, then compiled again.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static OrderFact[] ReadOrders(SnapshotReader r, string seller)
    {
        var orders = new OrderFact[ReadCount(r)];
        for (var i = 0; i < orders.Length; i++)
        {
            orders[i] = ReadOrder(r, seller);
        }
        return orders;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReviewFact[] ReadReviews(SnapshotReader r, string seller)
    {
        var reviews = new ReviewFact[ReadCount(r)];
        for (var i = 0; i < reviews.Length; i++)
        {
            reviews[i] = ReadReview(r, seller);
        }
        return reviews;
    }

    /// <summary>Passes over the orders <see cref="ReadOrders"/> would read, making none: the same layout, read field by field.</summary>
    private static void PassOrders(SnapshotReader r)
    {
        var count = ReadCount(r);
        for (var i = 0; i < count; i++)
        {
            r.PassString(); // the id
            if (r.ReadBoolean()) r.PassString(); // the buyer
            int present = r.ReadUInt16(), far = r.ReadUInt16();
            for (var slot = 0; slot < OrderFact.Slots; slot++)
            {
                if ((present & (1 << slot)) == 0) continue;
                if ((far & (1 << slot)) != 0) _ = ReadInstant(r);
                else _ = r.Read7BitEncodedInt64();
            }
            var flags = r.ReadByte();
            if ((flags & OrderHasAmount) != 0) _ = ReadAmount(r);
            if ((flags & OrderHasStatus) != 0) _ = r.ReadByte();
            if ((flags & OrderHasStars) != 0) _ = r.Read7BitEncodedInt64();
            for (var text = 0; text < 5; text++) PassText(r); // cancelled by, tracking, its link, the lowest review, the first case
            _ = r.Read7BitEncodedInt(); // the cases
        }
    }

    /// <summary>Passes over the reviews <see cref="ReadReviews"/> would read, making none.</summary>
    private static void PassReviews(SnapshotReader r)
    {
        var count = ReadCount(r);
        for (var i = 0; i < count; i++)
        {
            r.PassString(); // the id
            if (r.ReadBoolean()) r.PassString(); // the order
            r.Pass(ReviewFact.Slots * sizeof(long)); // the compact instants
            var far = r.ReadInt32();
            for (var k = 0; k < far; k++) _ = ReadInstant(r);
            _ = r.ReadInt32(); // the stars
            PassText(r);
        }
    }

    private static void PassText(SnapshotReader r)
    {
        if (r.ReadBoolean()) r.PassString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static OrderFact ReadOrder(SnapshotReader r, string seller)
    {
        // The id and the buyer are kept as offsets in the bytes: most reads never show them.
        var o = new OrderFact(seller, r.Bytes, r.SkipString());
        if (r.ReadBoolean()) o.BuyerAt(r.Bytes, r.SkipString());
        int present = r.ReadUInt16(), far = r.ReadUInt16();
        if ((far & ~present) != 0) throw new FormatException("an order instant marked far but absent");
        long origin = 0;
        for (var slot = 0; slot < OrderFact.Slots; slot++)
        {
            if ((present & (1 << slot)) == 0) continue;
            Instant at;
            if ((far & (1 << slot)) != 0)
            {
                at = ReadInstant(r) ?? throw new FormatException("a far order instant without a value");
            }
            else
            {
                var raw = unchecked(UnZigZag((ulong)r.Read7BitEncodedInt64()) + (slot == OrderFact.PlacedSlot ? 0 : origin));
                if (slot == OrderFact.PlacedSlot) origin = raw;
                if (raw is CompactInstant.Missing or CompactInstant.Far or CompactInstant.BelowAll) throw new FormatException($"order instant {raw}");
                at = CompactInstant.Decode(raw);
            }
            o.Set(slot, at);
        }
        var flags = r.ReadByte();
        if ((flags & OrderHasAmount) != 0) o.Amount = ReadAmount(r);
        if ((flags & OrderHasStatus) != 0)
        {
            var status = (Events.OrderStatus)r.ReadByte();
            o.Status = Enum.IsDefined(status) ? status : throw new FormatException($"order status {(int)status}");
        }
        o.StatusCorrected = (flags & OrderStatusCorrected) != 0;
        if ((flags & OrderHasStars) != 0) o.LowestReviewStars = checked((int)UnZigZag((ulong)r.Read7BitEncodedInt64()));
        o.CancelledBy = ReadText(r);
        o.Tracking = ReadText(r);
        o.TrackingUrl = ReadText(r);
        o.LowestReview = ReadText(r);
        o.FirstCase = ReadText(r);
        var cases = r.Read7BitEncodedInt();
        o.CaseCount = cases >= 0 ? cases : throw new FormatException($"case count {cases}");
        return o;
    }

    /// <summary>An amount exactly: its scale and sign in a byte and its mantissa in as few bytes as it needs (a full decimal past 64 bits).</summary>
    private static void WriteAmount(BinaryWriter w, decimal amount)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(amount, bits);
        if (bits[2] != 0)
        {
            w.Write(byte.MaxValue);
            w.Write(amount);
            return;
        }
        w.Write((byte)(((bits[3] >> 16) & 0x1F) | (bits[3] < 0 ? 0x80 : 0)));
        w.Write7BitEncodedInt64((long)(((ulong)(uint)bits[1] << 32) | (uint)bits[0]));
    }

    private static decimal ReadAmount(SnapshotReader r)
    {
        var head = r.ReadByte();
        if (head == byte.MaxValue) return r.ReadDecimal();
        var scale = head & 0x1F;
        if (scale > 28 || (head & 0x60) != 0) throw new FormatException($"amount scale {scale}");
        var mantissa = (ulong)r.Read7BitEncodedInt64();
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, (head & 0x80) != 0, (byte)scale);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void WriteReview(BinaryWriter w, ReviewFact f)
    {
        w.Write(f.Review);
        WriteText(w, f.Order);
        foreach (var raw in (ReadOnlySpan<long>)[f._postedAt, f._removedAt, f._repliedAt, f._resolvedAt, f._flaggedFakeAt])
        {
            w.Write(raw);
        }
        WriteFar(w, f._far);
        w.Write(f.Stars ?? int.MinValue);
        WriteText(w, f.Text);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReviewFact ReadReview(SnapshotReader r, string seller)
    {
        var f = new ReviewFact(seller, r.Bytes, r.SkipString());
        if (r.ReadBoolean()) f.OrderAt(r.Bytes, r.SkipString());
        f._postedAt = r.ReadInt64();
        f._removedAt = r.ReadInt64();
        f._repliedAt = r.ReadInt64();
        f._resolvedAt = r.ReadInt64();
        f._flaggedFakeAt = r.ReadInt64();
        f._far = ReadFar(r, ReviewFact.Slots, f._postedAt, f._removedAt, f._repliedAt, f._resolvedAt, f._flaggedFakeAt);
        var stars = r.ReadInt32();
        f.Stars = stars == int.MinValue ? null : stars;
        if (r.ReadBoolean()) f.TextAt(r.Bytes, r.SkipString());
        return f;
    }

    private static void WriteCase(BinaryWriter w, CaseFact f)
    {
        w.Write(f.Case);
        WriteText(w, f.Order);
        WriteText(w, f.Kind);
        foreach (var raw in (ReadOnlySpan<long>)[f._openedAt, f._respondedAt, f._escalatedAt, f._closedAt])
        {
            w.Write(raw);
        }
        WriteFar(w, f._far);
        WriteText(w, f.Outcome);
        WriteInstant(w, f.OrderRiskFlaggedAt);
    }

    private static CaseFact ReadCase(SnapshotReader r, string seller)
    {
        var f = new CaseFact(seller, r.ReadString()) { Order = ReadText(r), Kind = ReadText(r) };
        f._openedAt = r.ReadInt64();
        f._respondedAt = r.ReadInt64();
        f._escalatedAt = r.ReadInt64();
        f._closedAt = r.ReadInt64();
        f._far = ReadFar(r, CaseFact.Slots, f._openedAt, f._respondedAt, f._escalatedAt, f._closedAt);
        f.Outcome = ReadText(r);
        f.OrderRiskFlaggedAt = ReadInstant(r);
        return f;
    }

    private static void WriteRefund(BinaryWriter w, RefundFact f)
    {
        w.Write(f.Refund);
        WriteInstant(w, f.RequestedAt);
        WriteText(w, f.Kind);
        WriteText(w, f.Order);
        WriteText(w, f.Reason);
        WriteInstant(w, f.FirstSellerActionAt);
        WriteText(w, f.FirstSellerAction);
        WriteInstant(w, f.ReturnReceivedAt);
        WriteInstant(w, f.ReturnFirstActionAt);
        WriteInstant(w, f.CompletedAt);
        WriteText(w, f.Outcome);
        WriteDuration(w, f.BuyerTime);
        WriteInstant(w, f.OrderRiskFlaggedAt);
        WriteText(w, f.OrderCaseOutcome);
    }

    private static RefundFact ReadRefund(SnapshotReader r, string seller) => new(seller, r.ReadString())
    {
        RequestedAt = ReadInstant(r),
        Kind = ReadText(r),
        Order = ReadText(r),
        Reason = ReadText(r),
        FirstSellerActionAt = ReadInstant(r),
        FirstSellerAction = ReadText(r),
        ReturnReceivedAt = ReadInstant(r),
        ReturnFirstActionAt = ReadInstant(r),
        CompletedAt = ReadInstant(r),
        Outcome = ReadText(r),
        BuyerTime = ReadDuration(r),
        OrderRiskFlaggedAt = ReadInstant(r),
        OrderCaseOutcome = ReadText(r),
    };

    private static void WriteConversation(BinaryWriter w, ConversationFact f)
    {
        w.Write(f.Conversation);
        WriteInstant(w, f.StartedAt);
        WriteInstant(w, f.FirstBuyerAt);
        WriteInstant(w, f.FirstReplyAt);
        WriteInstant(w, f.FirstAgentReplyAt);
        WriteInstant(w, f.TransferredAt);
        WriteInstant(w, f.FirstHumanReplyAfterTransferAt);
        w.Write(f.Human);
        WriteText(w, f.Agent);
        WriteText(w, f.Buyer);
        WriteInstant(w, f.RatedAt);
        w.Write(f.Stars ?? int.MinValue);
        WriteText(w, f.Rating);
        WriteText(w, f.RatingReason);
        WriteAll(w, f.Lines, line =>
        {
            w.Write(line.Id);
            WriteInstant(w, line.At);
            w.Write(line.From);
            WriteText(w, line.Agent);
            WriteText(w, line.Buyer);
            w.Write(line.HumanRequested);
            WriteText(w, line.Text);
            WriteText(w, line.Order);
        });
    }

    private static ConversationFact ReadConversation(SnapshotReader r, string seller)
    {
        var f = new ConversationFact(seller, r.ReadString())
        {
            StartedAt = ReadInstant(r),
            FirstBuyerAt = ReadInstant(r),
            FirstReplyAt = ReadInstant(r),
            FirstAgentReplyAt = ReadInstant(r),
            TransferredAt = ReadInstant(r),
            FirstHumanReplyAfterTransferAt = ReadInstant(r),
            Human = r.ReadBoolean(),
            Agent = ReadText(r),
            Buyer = ReadText(r),
            RatedAt = ReadInstant(r),
        };
        var stars = r.ReadInt32();
        f.Stars = stars == int.MinValue ? null : stars;
        f.Rating = ReadText(r);
        f.RatingReason = ReadText(r);
        f.Lines = ReadAll(r, () => new ChatLine(r.ReadString(), ReadInstant(r)!.Value, r.ReadString(), ReadText(r), ReadText(r), r.ReadBoolean(), ReadText(r), ReadText(r)));
        return f;
    }

    private static void WriteMessage(BinaryWriter w, MessageFact m)
    {
        w.Write(m.Message);
        WriteInstant(w, m.At);
        w.Write(m.Conversation);
        WriteText(w, m.Agent);
        WriteText(w, m.Buyer);
        w.Write(m.HumanSession);
        w.Write(m.ForHuman);
        WriteInstant(w, m.ReplyAt);
        WriteInstant(w, m.BotReplyAt);
    }

    private static MessageFact ReadMessage(SnapshotReader r, string seller) => new(seller, r.ReadString())
    {
        At = ReadInstant(r)!.Value,
        Conversation = r.ReadString(),
        Agent = ReadText(r),
        Buyer = ReadText(r),
        HumanSession = r.ReadBoolean(),
        ForHuman = r.ReadBoolean(),
        ReplyAt = ReadInstant(r),
        BotReplyAt = ReadInstant(r),
    };

    private static void WriteAll<T>(BinaryWriter w, IReadOnlyList<T> items, Action<T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
        {
            write(item);
        }
    }

    private static T[] ReadAll<T>(SnapshotReader r, Func<T> read)
    {
        var items = new T[ReadCount(r)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read();
        }
        return items;
    }

    private static int ReadCount(SnapshotReader r)
    {
        var count = r.ReadInt32();
        return count < 0 || count > r.Remaining ? throw new FormatException("a list longer than the snapshot") : count;
    }

    private static void WriteText(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null)
        {
            w.Write(text);
        }
    }

    private static string? ReadText(SnapshotReader r) => r.ReadBoolean() ? r.ReadString() : null;

    /// <summary>An instant, exactly: compact nanoseconds when they fit, else Unix ticks and the nanoseconds left over.</summary>
    private static void WriteInstant(BinaryWriter w, Instant? at)
    {
        if (at is not { } value)
        {
            w.Write((byte)0);
        }
        else if (CompactInstant.TryEncode(value, out var raw))
        {
            w.Write((byte)1);
            w.Write(raw);
        }
        else
        {
            var ticks = value.ToUnixTimeTicks();
            w.Write((byte)2);
            w.Write(ticks);
            w.Write((byte)(value - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds());
        }
    }

    private static Instant? ReadInstant(SnapshotReader r) => r.ReadByte() switch
    {
        0 => null,
        1 => CompactInstant.Decode(r.ReadInt64()),
        2 => Instant.FromUnixTimeTicks(r.ReadInt64()).PlusNanoseconds(r.ReadByte()),
        var tag => throw new FormatException($"instant tag {tag}"),
    };

    private static void WriteFar(BinaryWriter w, Instant[]? far)
    {
        w.Write(far is null ? -1 : far.Length);
        foreach (var at in far ?? [])
        {
            WriteInstant(w, at);
        }
    }

    /// <summary>
    /// A fact's overflow array: absent, or exactly <paramref name="slots"/> long; present whenever one of
    /// the fact's compact fields (<paramref name="raws"/>) says its instant is in it.
    /// </summary>
    private static Instant[]? ReadFar(SnapshotReader r, int slots, params ReadOnlySpan<long> raws)
    {
        var length = r.ReadInt32();
        if (length < 0)
        {
            foreach (var raw in raws)
            {
                if (raw == CompactInstant.Far) throw new FormatException("an instant marked far, with no overflow array");
            }
            return null;
        }
        if (length != slots)
        {
            throw new FormatException($"an overflow array of {length}, not {slots}");
        }
        var far = new Instant[length];
        for (var i = 0; i < length; i++)
        {
            far[i] = ReadInstant(r) ?? default;
        }
        return far;
    }

    /// <summary>A duration, exactly, however long: its nanoseconds as a length-prefixed integer.</summary>
    private static void WriteDuration(BinaryWriter w, Duration duration)
    {
        var bytes = duration.ToBigIntegerNanoseconds().ToByteArray();
        w.Write((byte)bytes.Length);
        w.Write(bytes);
    }

    private static Duration ReadDuration(SnapshotReader r)
    {
        var bytes = r.ReadBytes(r.ReadByte());
        return Duration.FromNanoseconds(new System.Numerics.BigInteger(bytes));
    }
}
