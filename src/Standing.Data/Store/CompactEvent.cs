using System.Buffers;
using System.Text;
using System.Text.Unicode;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// One event as a few dozen bytes, for the events a first load keeps in memory to fold from (<see cref="LoadedEvents"/>):
/// which fields are present as bits, instants as ticks (whole seconds shorter), the amount as its decimal's parts,
/// the words of a small vocabulary (marketplace, currency, kinds, outcomes, agents…) as numbers into a table, every
/// other string as its UTF-8 bytes. Decoding gives an event equal, field for field, to the one encoded; an event this
/// form cannot hold exactly (a string that is not valid UTF-16, an instant finer than a tick) is refused instead.
/// </summary>
internal static class CompactEvent
{
    [Flags]
    private enum Field : uint
    {
        Marketplace = 1u << 0,
        Order = 1u << 1,
        Review = 1u << 2,
        Case = 1u << 3,
        Refund = 1u << 4,
        Complaint = 1u << 5,
        Conversation = 1u << 6,
        Buyer = 1u << 7,
        ShipBy = 1u << 8,
        DeliverBy = 1u << 9,
        Amount = 1u << 10,
        Currency = 1u << 11,
        Status = 1u << 12,
        By = 1u << 13,
        StatusFrom = 1u << 14,
        StatusTo = 1u << 15,
        Tracking = 1u << 16,
        TrackingUrl = 1u << 17,
        Carrier = 1u << 18,
        Stars = 1u << 19,
        Text = 1u << 20,
        Rating = 1u << 21,
        Kind = 1u << 22,
        Outcome = 1u << 23,
        Action = 1u << 24,
        Phase = 1u << 25,
        Reason = 1u << 26,
        From = 1u << 27,
        Agent = 1u << 28,
        Language = 1u << 29,
        HumanRequested = 1u << 30,
        HumanRequestedTrue = 1u << 31,
    }

    /// <summary>Appends <paramref name="e"/> (its seller aside: the caller knows it) to <paramref name="into"/>; false when it cannot be held exactly.</summary>
    public static bool TryWrite(ref CompactWriter into, StandingEvent e, Vocabulary words)
    {
        Field has = 0;
        if (e.Marketplace is not null) has |= Field.Marketplace;
        if (e.Order is not null) has |= Field.Order;
        if (e.Review is not null) has |= Field.Review;
        if (e.Case is not null) has |= Field.Case;
        if (e.Refund is not null) has |= Field.Refund;
        if (e.Complaint is not null) has |= Field.Complaint;
        if (e.Conversation is not null) has |= Field.Conversation;
        if (e.Buyer is not null) has |= Field.Buyer;
        if (e.ShipBy is not null) has |= Field.ShipBy;
        if (e.DeliverBy is not null) has |= Field.DeliverBy;
        if (e.Amount is not null) has |= Field.Amount;
        if (e.Currency is not null) has |= Field.Currency;
        if (e.Status is not null) has |= Field.Status;
        if (e.By is not null) has |= Field.By;
        if (e.StatusFrom is not null) has |= Field.StatusFrom;
        if (e.StatusTo is not null) has |= Field.StatusTo;
        if (e.Tracking is not null) has |= Field.Tracking;
        if (e.TrackingUrl is not null) has |= Field.TrackingUrl;
        if (e.Carrier is not null) has |= Field.Carrier;
        if (e.Stars is not null) has |= Field.Stars;
        if (e.Text is not null) has |= Field.Text;
        if (e.Rating is not null) has |= Field.Rating;
        if (e.Kind is not null) has |= Field.Kind;
        if (e.Outcome is not null) has |= Field.Outcome;
        if (e.Action is not null) has |= Field.Action;
        if (e.Phase is not null) has |= Field.Phase;
        if (e.Reason is not null) has |= Field.Reason;
        if (e.From is not null) has |= Field.From;
        if (e.Agent is not null) has |= Field.Agent;
        if (e.Language is not null) has |= Field.Language;
        if (e.HumanRequested is { } human) has |= human ? Field.HumanRequested | Field.HumanRequestedTrue : Field.HumanRequested;

        into.Varint((uint)has);
        into.Varint((ulong)e.Type);
        if (!into.Text(e.Id) || !into.Instant(e.At)) return false;
        if ((has & Field.Marketplace) != 0) into.Varint(words.Number(e.Marketplace!));
        if ((has & Field.Order) != 0 && !into.Text(e.Order!)) return false;
        if ((has & Field.Review) != 0 && !into.Text(e.Review!)) return false;
        if ((has & Field.Case) != 0 && !into.Text(e.Case!)) return false;
        if ((has & Field.Refund) != 0 && !into.Text(e.Refund!)) return false;
        if ((has & Field.Complaint) != 0 && !into.Text(e.Complaint!)) return false;
        if ((has & Field.Conversation) != 0 && !into.Text(e.Conversation!)) return false;
        if ((has & Field.Buyer) != 0 && !into.Text(e.Buyer!)) return false;
        if ((has & Field.ShipBy) != 0 && !into.Instant(e.ShipBy!.Value)) return false;
        if ((has & Field.DeliverBy) != 0 && !into.Instant(e.DeliverBy!.Value)) return false;
        if ((has & Field.Amount) != 0) into.Decimal(e.Amount!.Value);
        if ((has & Field.Currency) != 0) into.Varint(words.Number(e.Currency!));
        if ((has & Field.Status) != 0) into.Varint((ulong)e.Status!.Value);
        if ((has & Field.By) != 0) into.Varint(words.Number(e.By!));
        if ((has & Field.StatusFrom) != 0) into.Varint((ulong)e.StatusFrom!.Value);
        if ((has & Field.StatusTo) != 0) into.Varint((ulong)e.StatusTo!.Value);
        if ((has & Field.Tracking) != 0 && !into.Text(e.Tracking!)) return false;
        if ((has & Field.TrackingUrl) != 0 && !into.Text(e.TrackingUrl!)) return false;
        if ((has & Field.Carrier) != 0) into.Varint(words.Number(e.Carrier!));
        if ((has & Field.Stars) != 0) into.SignedVarint(e.Stars!.Value);
        if ((has & Field.Text) != 0 && !into.Text(e.Text!)) return false;
        if ((has & Field.Rating) != 0) into.Varint(words.Number(e.Rating!));
        if ((has & Field.Kind) != 0) into.Varint(words.Number(e.Kind!));
        if ((has & Field.Outcome) != 0) into.Varint(words.Number(e.Outcome!));
        if ((has & Field.Action) != 0) into.Varint(words.Number(e.Action!));
        if ((has & Field.Phase) != 0) into.Varint(words.Number(e.Phase!));
        if ((has & Field.Reason) != 0) into.Varint(words.Number(e.Reason!));
        if ((has & Field.From) != 0) into.Varint(words.Number(e.From!));
        if ((has & Field.Agent) != 0) into.Varint(words.Number(e.Agent!));
        if ((has & Field.Language) != 0) into.Varint(words.Number(e.Language!));
        return true;
    }

    /// <summary>The event <see cref="TryWrite"/> wrote at the reader's place, of <paramref name="seller"/>.</summary>
    public static StandingEvent Read(ref CompactReader from, string seller, Vocabulary words)
    {
        var has = (Field)(uint)from.Varint();
        var type = (EventType)from.Varint();
        var id = from.Text();
        var at = from.Instant();
        var marketplace = (has & Field.Marketplace) != 0 ? words[from.Varint()] : null;
        var order = (has & Field.Order) != 0 ? from.Text() : null;
        var review = (has & Field.Review) != 0 ? from.Text() : null;
        var @case = (has & Field.Case) != 0 ? from.Text() : null;
        var refund = (has & Field.Refund) != 0 ? from.Text() : null;
        var complaint = (has & Field.Complaint) != 0 ? from.Text() : null;
        var conversation = (has & Field.Conversation) != 0 ? from.Text() : null;
        var buyer = (has & Field.Buyer) != 0 ? from.Text() : null;
        Instant? shipBy = (has & Field.ShipBy) != 0 ? from.Instant() : null;
        Instant? deliverBy = (has & Field.DeliverBy) != 0 ? from.Instant() : null;
        decimal? amount = (has & Field.Amount) != 0 ? from.Decimal() : null;
        var currency = (has & Field.Currency) != 0 ? words[from.Varint()] : null;
        OrderStatus? status = (has & Field.Status) != 0 ? (OrderStatus)from.Varint() : null;
        var by = (has & Field.By) != 0 ? words[from.Varint()] : null;
        OrderStatus? statusFrom = (has & Field.StatusFrom) != 0 ? (OrderStatus)from.Varint() : null;
        OrderStatus? statusTo = (has & Field.StatusTo) != 0 ? (OrderStatus)from.Varint() : null;
        var tracking = (has & Field.Tracking) != 0 ? from.Text() : null;
        var trackingUrl = (has & Field.TrackingUrl) != 0 ? from.Text() : null;
        var carrier = (has & Field.Carrier) != 0 ? words[from.Varint()] : null;
        int? stars = (has & Field.Stars) != 0 ? (int)from.SignedVarint() : null;
        var text = (has & Field.Text) != 0 ? from.Text() : null;
        var rating = (has & Field.Rating) != 0 ? words[from.Varint()] : null;
        var kind = (has & Field.Kind) != 0 ? words[from.Varint()] : null;
        var outcome = (has & Field.Outcome) != 0 ? words[from.Varint()] : null;
        var action = (has & Field.Action) != 0 ? words[from.Varint()] : null;
        var phase = (has & Field.Phase) != 0 ? words[from.Varint()] : null;
        var reason = (has & Field.Reason) != 0 ? words[from.Varint()] : null;
        var sender = (has & Field.From) != 0 ? words[from.Varint()] : null;
        var agent = (has & Field.Agent) != 0 ? words[from.Varint()] : null;
        var language = (has & Field.Language) != 0 ? words[from.Varint()] : null;
        bool? human = (has & Field.HumanRequested) != 0 ? (has & Field.HumanRequestedTrue) != 0 : null;
        return new StandingEvent
        {
            Id = id, Type = type, At = at, Seller = seller, Marketplace = marketplace,
            Order = order, Review = review, Case = @case, Refund = refund, Complaint = complaint, Conversation = conversation,
            Buyer = buyer, ShipBy = shipBy, DeliverBy = deliverBy, Amount = amount, Currency = currency,
            Status = status, By = by, StatusFrom = statusFrom, StatusTo = statusTo,
            Tracking = tracking, TrackingUrl = trackingUrl, Carrier = carrier,
            Stars = stars, Text = text, Rating = rating,
            Kind = kind, Outcome = outcome, Action = action, Phase = phase, Reason = reason,
            From = sender, Agent = agent, Language = language, HumanRequested = human,
        };
    }

    /// <summary>The words of a small vocabulary, each held once and written as its number.</summary>
    internal sealed class Vocabulary
    {
        private readonly Dictionary<string, uint> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _words = [];

        public uint Number(string word)
        {
            if (!_numbers.TryGetValue(word, out var number))
            {
                _numbers[word] = number = (uint)_words.Count;
                _words.Add(word);
            }
            return number;
        }

        public string this[ulong number] => _words[(int)number];
    }
}

/// <summary>Bytes written to a growing buffer: varints, UTF-8 strings with their length, instants, decimals.</summary>
internal struct CompactWriter
{
    private byte[] _buffer;

    public CompactWriter(int capacity) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Varint(ulong value)
    {
        Room(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[Length++] = (byte)value;
    }

    public void SignedVarint(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>The string's UTF-8 bytes after their count; false for a string UTF-8 cannot give back (a lone surrogate).</summary>
    public bool Text(string value)
    {
        if (System.Text.Ascii.IsValid(value))
        {
            Varint((ulong)value.Length);
            Room(value.Length);
            System.Text.Ascii.FromUtf16(value, _buffer.AsSpan(Length), out var written);
            Length += written;
            return true;
        }
        var encoded = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        if (Utf8.FromUtf16(value, encoded, out _, out var bytes, replaceInvalidSequences: false) != OperationStatus.Done) return false;
        Varint((ulong)bytes);
        Room(bytes);
        encoded.AsSpan(0, bytes).CopyTo(_buffer.AsSpan(Length));
        Length += bytes;
        return true;
    }

    /// <summary>Ticks since 1970 (whole seconds when they are), with a bit saying which; false for an instant finer than a tick.</summary>
    public bool Instant(Instant value)
    {
        var ticks = value.ToUnixTimeTicks();
        if (NodaTime.Instant.FromUnixTimeTicks(ticks) != value) return false;
        var seconds = ticks % NodaConstants.TicksPerSecond == 0;
        var zigzag = (ulong)(((seconds ? ticks / NodaConstants.TicksPerSecond : ticks) << 1) ^ (ticks >> 63));
        Varint((zigzag << 1) | (seconds ? 1ul : 0ul));
        return true;
    }

    /// <summary>The decimal's 96-bit integer and its scale and sign: the same bits back, so the same trailing zeros.</summary>
    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Varint((uint)bits[0] | ((ulong)(uint)bits[1] << 32));
        Varint((uint)bits[2]);
        Room(1);
        _buffer[Length++] = (byte)(((bits[3] >> 16) & 0x7F) | (bits[3] < 0 ? 0x80 : 0));
    }

    private void Room(int bytes)
    {
        if (Length + bytes <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
    }
}

/// <summary>Reads what <see cref="CompactWriter"/> wrote.</summary>
internal ref struct CompactReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public ulong Varint()
    {
        ulong value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _bytes[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return value;
    }

    public long SignedVarint()
    {
        var zigzag = Varint();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public string Text()
    {
        var count = (int)Varint();
        var text = Encoding.UTF8.GetString(_bytes.Slice(_at, count));
        _at += count;
        return text;
    }

    public Instant Instant()
    {
        var word = Varint();
        var seconds = (word & 1) != 0;
        var zigzag = word >> 1;
        var value = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        return NodaTime.Instant.FromUnixTimeTicks(seconds ? value * NodaConstants.TicksPerSecond : value);
    }

    public decimal Decimal()
    {
        var low = Varint();
        var high = (int)(uint)Varint();
        var scaleAndSign = _bytes[_at++];
        return new decimal((int)(uint)low, (int)(uint)(low >> 32), high, (scaleAndSign & 0x80) != 0, (byte)(scaleAndSign & 0x7F));
    }
}
