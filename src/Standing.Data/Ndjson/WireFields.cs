using System.Text;
using System.Text.Json;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>The wire fields the reader and writer know, as dense slots (fits a <c>ulong</c> mask).</summary>
internal enum WireField
{
    Id,
    Type,
    At,
    Seller,
    Marketplace,
    Order,
    Review,
    Case,
    Refund,
    Complaint,
    Conversation,
    Buyer,
    ShipBy,
    DeliverBy,
    Amount,
    Currency,
    Status,
    By,
    From,
    To,
    Tracking,
    TrackingUrl,
    Carrier,
    Stars,
    Text,
    Rating,
    Kind,
    Outcome,
    Action,
    Phase,
    Reason,
    Agent,
    HumanRequested,
    Language,
}

/// <summary>
/// Tables derived once from <see cref="EventSchema"/> and <see cref="EventFields"/>: wire names,
/// per-type field lists and required masks, the allowed values of enumerated fields, fast lookups
/// of UTF-8 field and type names.
/// </summary>
internal static class WireFields
{
    public const int Count = (int)WireField.Language + 1;

    public static readonly string[] Names =
    [
        "id", "type", "at", "seller", "marketplace", "order", "review", "case", "refund", "complaint",
        "conversation", "buyer", "ship_by", "deliver_by", "amount", "currency", "status", "by", "from",
        "to", "tracking", "tracking_url", "carrier", "stars", "text", "rating", "kind", "outcome",
        "action", "phase", "reason", "agent", "human_requested", "language",
    ];

    public static readonly JsonEncodedText[] Encoded = Names.Select(n => JsonEncodedText.Encode(n)).ToArray();

    private static readonly int TypeCount = Enum.GetValues<EventType>().Length;

    /// <summary>Per type: the fields it carries besides the envelope, in canonical order.</summary>
    public static readonly WireField[][] FieldsOf = new WireField[TypeCount][];

    /// <summary>Per type: bit set of the fields it carries (envelope included).</summary>
    public static readonly ulong[] MaskOf = new ulong[TypeCount];

    /// <summary>Per type: bit set of its required fields (envelope required fields not included).</summary>
    public static readonly ulong[] RequiredOf = new ulong[TypeCount];

    /// <summary>Per type and field: the allowed values, or null when the field is free text.</summary>
    public static readonly string[]?[,] Allowed = new string[]?[TypeCount, Count];

    /// <summary>UTF-8 forms of <see cref="Allowed"/>.</summary>
    public static readonly byte[][]?[,] AllowedUtf8 = new byte[][]?[TypeCount, Count];

    public static readonly JsonEncodedText[] TypeNames = new JsonEncodedText[TypeCount];

    private static readonly NameTable FieldTable = new(Names.Select((n, i) => (n, i)));

    private static readonly NameTable TypeTable =
        new(EventSchema.Types.Select(t => (t.Name, (int)t.Type)));

    static WireFields()
    {
        foreach (var spec in EventSchema.Types)
        {
            var t = (int)spec.Type;
            TypeNames[t] = JsonEncodedText.Encode(spec.Name);
            var fields = EventFields.Of(spec.Type).Select(Slot).ToArray();
            FieldsOf[t] = fields;
            var mask = Bit(WireField.Id) | Bit(WireField.Type) | Bit(WireField.At) | Bit(WireField.Seller) | Bit(WireField.Marketplace);
            foreach (var f in fields)
            {
                mask |= Bit(f);
                var allowed = EventSchema.AllowedValues(spec.Type, Names[(int)f]);
                if (allowed is not null)
                {
                    Allowed[t, (int)f] = allowed.ToArray();
                    AllowedUtf8[t, (int)f] = allowed.Select(Encoding.UTF8.GetBytes).ToArray();
                }
            }
            MaskOf[t] = mask;
            foreach (var required in spec.Required)
            {
                var f = Slot(required);
                if ((mask & Bit(f)) == 0)
                {
                    throw new InvalidOperationException($"{spec.Name}: required field \"{required}\" is not in its field list");
                }
                RequiredOf[t] |= Bit(f);
            }
        }
    }

    public static ulong Bit(WireField field) => 1UL << (int)field;

    /// <summary>The slot of a wire field name, or -1 for a field this reader does not know.</summary>
    public static int Lookup(ReadOnlySpan<byte> utf8Name) => FieldTable.Find(utf8Name);

    public static int Lookup(string name) => Array.IndexOf(Names, name);

    /// <summary>The event type of a UTF-8 wire type name, or -1.</summary>
    public static int LookupType(ReadOnlySpan<byte> utf8Name) => TypeTable.Find(utf8Name);

    private static WireField Slot(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i >= 0 ? (WireField)i : throw new InvalidOperationException($"wire field \"{name}\" is not known to the NDJSON reader");
    }

    /// <summary>A small hash table from UTF-8 names to ids, without allocation on lookup.</summary>
    private sealed class NameTable
    {
        private const int Size = 256;
        private readonly (byte[] Name, int Id)[][] _buckets = new (byte[], int)[Size][];

        public NameTable(IEnumerable<(string Name, int Id)> entries)
        {
            var lists = new List<(byte[], int)>?[Size];
            foreach (var (name, id) in entries)
            {
                var bytes = Encoding.UTF8.GetBytes(name);
                (lists[Hash(bytes)] ??= []).Add((bytes, id));
            }
            for (var i = 0; i < Size; i++)
            {
                _buckets[i] = lists[i]?.ToArray() ?? [];
            }
        }

        public int Find(ReadOnlySpan<byte> name)
        {
            if (name.IsEmpty)
            {
                return -1;
            }
            foreach (var (candidate, id) in _buckets[Hash(name)])
            {
                if (name.SequenceEqual(candidate))
                {
                    return id;
                }
            }
            return -1;
        }

        private static int Hash(ReadOnlySpan<byte> s) =>
            ((s.Length * 7) + (s[s.Length / 2] * 31) + (s[^1] * 3) + s[0]) & (Size - 1);
    }
}
