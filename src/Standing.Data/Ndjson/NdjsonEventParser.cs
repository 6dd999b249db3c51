using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// Parses one NDJSON line (one JSON object, UTF-8) into a <see cref="StandingEvent"/> and validates it
/// against the event format: straight from <see cref="Utf8JsonReader"/> tokens, no DOM, no reflection.
/// Fields a type does not carry are ignored like any unknown field.
/// </summary>
public static class NdjsonEventParser
{
    private const int MaxShownValue = 80;

    /// <summary>
    /// Parses <paramref name="utf8Line"/> (without its line terminator). On failure
    /// <paramref name="reason"/> says what is wrong, in the words of the event format.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Line,
        [NotNullWhen(true)] out StandingEvent? ev,
        [NotNullWhen(false)] out string? reason)
    {
        ev = null;
        if (!Utf8.IsValid(utf8Line))
        {
            reason = "not UTF-8";
            return false;
        }

        Span<Token> tokens = stackalloc Token[WireFields.Count];
        if (!Tokenize(utf8Line, tokens, out reason))
        {
            return false;
        }
        return Build(utf8Line, tokens, out ev, out reason);
    }

    /// <summary>
    /// Parses a line coming in (a file ingested, a batch posted) as <see cref="TryParse(ReadOnlySpan{byte}, out StandingEvent?, out string?)"/>
    /// does, and refuses an event whose seller is not an id a request could name (<see cref="EventIds"/>);
    /// <paramref name="column"/> is then where the seller's value starts in the line (1-based, in bytes), else 0.
    /// Stored events are read back without this check: a store written before it still reads.
    /// </summary>
    public static bool TryParseIncoming(
        ReadOnlySpan<byte> utf8Line,
        [NotNullWhen(true)] out StandingEvent? ev,
        [NotNullWhen(false)] out string? reason,
        out int column)
    {
        column = 0;
        if (!TryParse(utf8Line, out ev, out reason)) return false;
        if (EventIds.Why(ev.Seller) is not { } why) return true;
        reason = EventIds.SellerReason(ev.Seller, why);
        Span<Token> tokens = stackalloc Token[WireFields.Count];
        column = Tokenize(utf8Line, tokens, out _) ? tokens[(int)WireField.Seller].Start : 0; // Start is past the opening quote
        ev = null;
        return false;
    }

    /// <summary>Parses a line given as text (see the UTF-8 overload).</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out StandingEvent? ev, [NotNullWhen(false)] out string? reason) =>
        TryParse(Encoding.UTF8.GetBytes(line), out ev, out reason);

    /// <summary>Where one known field's value sits in the line (no strings made yet).</summary>
    private struct Token
    {
        public JsonTokenType Kind; // None: absent
        public bool Escaped;
        public int Start;
        public int Length;
    }

    // Phase one: walk the object once, note where each known field's value is; check JSON syntax.
    private static bool Tokenize(ReadOnlySpan<byte> line, Span<Token> tokens, [NotNullWhen(false)] out string? reason)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read())
            {
                reason = "not JSON: empty";
                return false;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read())
                {
                    // Surfaces trailing garbage as "not JSON" rather than "not an object".
                }
                reason = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped && !Unescapes(ref reader, out reason))
                {
                    return false;
                }
                var slot = reader.ValueIsEscaped ? WireFields.Lookup(reader.GetString()!) : WireFields.Lookup(reader.ValueSpan);
                reader.Read();
                var kind = reader.TokenType;
                if (slot >= 0)
                {
                    ref var token = ref tokens[slot];
                    if (token.Kind != JsonTokenType.None)
                    {
                        reason = $"duplicate field \"{WireFields.Names[slot]}\"";
                        return false;
                    }
                    token.Kind = kind;
                    if (kind == JsonTokenType.String)
                    {
                        if (reader.ValueIsEscaped && !Unescapes(ref reader, out reason, WireFields.Names[slot]))
                        {
                            return false;
                        }
                        token.Start = (int)reader.TokenStartIndex + 1;
                        token.Length = reader.ValueSpan.Length;
                        token.Escaped = reader.ValueIsEscaped;
                    }
                    else if (kind == JsonTokenType.Number)
                    {
                        token.Start = (int)reader.TokenStartIndex;
                        token.Length = reader.ValueSpan.Length;
                    }
                }
                if (kind is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                reason = "not JSON: unexpected content";
                return false;
            }
        }
        catch (JsonException ex)
        {
            reason = NotJson(ex);
            return false;
        }
        reason = null;
        return true;
    }

    /// <summary>
    /// Whether the escaped string under <paramref name="reader"/> is text: JSON's grammar lets an escape
    /// name half of a surrogate pair (<c>\ud83d</c> alone), which is no character and cannot become one.
    /// </summary>
    private static bool Unescapes(ref Utf8JsonReader reader, [NotNullWhen(false)] out string? reason, string? field = null)
    {
        try
        {
            _ = reader.GetString();
            reason = null;
            return true;
        }
        catch (InvalidOperationException)
        {
            var where = field is null ? "a field name" : $"field \"{field}\"";
            reason = $"{where} holds an escaped unpaired surrogate (a \\uD800–\\uDFFF escape without its pair), which is not text (at byte {reader.TokenStartIndex + 1})";
            return false;
        }
    }

    private static string NotJson(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }
        var hint = message.IndexOf(". Change the reader options", StringComparison.Ordinal);
        if (hint > 0)
        {
            message = message[..hint];
        }
        message = message.TrimEnd('.', ' ');
        return ex.BytePositionInLine is { } position
            ? $"not JSON: {message} (at byte {position + 1})"
            : $"not JSON: {message}";
    }

    [InlineArray(WireFields.Count)]
    private struct Strings
    {
        private string? _first;
    }

    // Phase two: the type is known; check and convert the fields it carries, build the record.
    private static bool Build(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, [NotNullWhen(true)] out StandingEvent? ev, [NotNullWhen(false)] out string? reason)
    {
        ev = null;

        // Envelope: id, type, at, seller (required), marketplace.
        if (!RequiredString(line, tokens, WireField.Id, out var id, out reason))
        {
            return false;
        }
        ref readonly var typeToken = ref tokens[(int)WireField.Type];
        if (!RequiredString(line, tokens, WireField.Type, out _, out reason, decode: false))
        {
            return false;
        }
        var typeIndex = typeToken.Escaped
            ? (EventSchema.TryGetType(Decode(line, typeToken), out var escapedType) ? (int)escapedType : -1)
            : WireFields.LookupType(line.Slice(typeToken.Start, typeToken.Length));
        if (typeIndex < 0)
        {
            reason = $"unknown type {Show(Decode(line, typeToken))}";
            return false;
        }
        var type = (EventType)typeIndex;

        if (tokens[(int)WireField.At].Kind is JsonTokenType.None or JsonTokenType.Null)
        {
            reason = "missing required field \"at\"";
            return false;
        }
        if (!InstantField(line, tokens, WireField.At, out var at, out reason))
        {
            return false;
        }
        if (!RequiredString(line, tokens, WireField.Seller, out var seller, out reason)
            || !StringField(line, tokens, WireField.Marketplace, out var marketplace, out reason))
        {
            return false;
        }

        var strings = default(Strings);
        Instant? shipBy = null, deliverBy = null;
        decimal? amount = null;
        int? stars = null;
        bool? humanRequested = null;
        var required = WireFields.RequiredOf[typeIndex];

        foreach (var field in WireFields.FieldsOf[typeIndex])
        {
            var f = (int)field;
            if ((required & (1UL << f)) != 0 && tokens[f].Kind is JsonTokenType.None or JsonTokenType.Null)
            {
                reason = $"missing required field \"{WireFields.Names[f]}\" for {EventSchema.Name(type)}";
                return false;
            }
            var ok = field switch
            {
                WireField.ShipBy => OptionalInstant(line, tokens, field, out shipBy, out reason),
                WireField.DeliverBy => OptionalInstant(line, tokens, field, out deliverBy, out reason),
                WireField.Amount => AmountField(line, tokens, out amount, out reason),
                WireField.Stars => StarsField(line, tokens, out stars, out reason),
                WireField.HumanRequested => BoolField(tokens, field, out humanRequested, out reason),
                WireField.Language => LanguageField(line, tokens, out strings[f], out reason),
                _ => EnumeratedOrString(line, tokens, typeIndex, field, (required & (1UL << f)) != 0, out strings[f], out reason),
            };
            if (!ok)
            {
                reason ??= $"field \"{WireFields.Names[f]}\" is not valid";
                return false;
            }
        }

        if (type == EventType.ChatRated && stars is null && strings[(int)WireField.Rating] is null)
        {
            reason = "chat.rated needs \"stars\" or \"rating\"";
            return false;
        }

        OrderStatus? status = null, statusFrom = null, statusTo = null;
        string? from = strings[(int)WireField.From];
        if (strings[(int)WireField.Status] is { } s)
        {
            status = EventSchema.ParseStatus(s);
        }
        if (type == EventType.OrderStatusCorrected)
        {
            statusFrom = EventSchema.ParseStatus(from!);
            statusTo = EventSchema.ParseStatus(strings[(int)WireField.To]!);
            from = null;
        }

        ev = new StandingEvent
        {
            Id = id,
            Type = type,
            At = at,
            Seller = seller,
            Marketplace = marketplace,
            Order = strings[(int)WireField.Order],
            Review = strings[(int)WireField.Review],
            Case = strings[(int)WireField.Case],
            Refund = strings[(int)WireField.Refund],
            Complaint = strings[(int)WireField.Complaint],
            Conversation = strings[(int)WireField.Conversation],
            Buyer = strings[(int)WireField.Buyer],
            ShipBy = shipBy,
            DeliverBy = deliverBy,
            Amount = amount,
            Currency = strings[(int)WireField.Currency],
            Status = status,
            By = strings[(int)WireField.By],
            StatusFrom = statusFrom,
            StatusTo = statusTo,
            Tracking = strings[(int)WireField.Tracking],
            TrackingUrl = strings[(int)WireField.TrackingUrl],
            Carrier = strings[(int)WireField.Carrier],
            Stars = stars,
            Text = strings[(int)WireField.Text],
            Rating = strings[(int)WireField.Rating],
            Kind = strings[(int)WireField.Kind],
            Outcome = strings[(int)WireField.Outcome],
            Action = strings[(int)WireField.Action],
            Phase = strings[(int)WireField.Phase],
            Reason = strings[(int)WireField.Reason],
            From = from,
            Agent = strings[(int)WireField.Agent],
            Language = strings[(int)WireField.Language],
            HumanRequested = humanRequested,
        };
        reason = null;
        return true;
    }

    private static bool Absent(in Token token) => token.Kind is JsonTokenType.None or JsonTokenType.Null;

    private static string Name(WireField field) => WireFields.Names[(int)field];

    /// <summary>A required envelope string: present, a string, not empty.</summary>
    private static bool RequiredString(
        ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, WireField field,
        [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason, bool decode = true)
    {
        ref readonly var token = ref tokens[(int)field];
        value = null;
        if (Absent(token))
        {
            reason = $"missing required field \"{Name(field)}\"";
            return false;
        }
        if (token.Kind != JsonTokenType.String)
        {
            reason = WrongKind(field, "a string", token.Kind);
            return false;
        }
        if (token.Length == 0)
        {
            reason = $"field \"{Name(field)}\" is empty";
            return false;
        }
        value = decode ? DecodeValue(line, token, field) : string.Empty;
        if (decode && string.IsNullOrWhiteSpace(value))
        {
            reason = Blank(field);
            value = null;
            return false;
        }
        reason = null;
        return true;
    }

    private static bool StringField(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, WireField field, out string? value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)field];
        value = null;
        reason = null;
        if (Absent(token))
        {
            return true;
        }
        if (token.Kind != JsonTokenType.String)
        {
            reason = WrongKind(field, "a string", token.Kind);
            return false;
        }
        value = DecodeValue(line, token, field);
        return true;
    }

    /// <summary>The seller's language: a well-formed BCP 47 tag when present.</summary>
    private static bool LanguageField(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, out string? value, [NotNullWhen(false)] out string? reason)
    {
        if (!StringField(line, tokens, WireField.Language, out value, out reason)) return false;
        if (value is not null && LanguageTag.Problem(value) is { } problem)
        {
            reason = problem;
            return false;
        }
        return true;
    }

    private static bool EnumeratedOrString(
        ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, int typeIndex, WireField field, bool required,
        out string? value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)field];
        var allowed = WireFields.AllowedUtf8[typeIndex, (int)field];
        if (allowed is null)
        {
            if (!StringField(line, tokens, field, out value, out reason))
            {
                return false;
            }
            if (required && value!.Length == 0)
            {
                reason = $"field \"{Name(field)}\" is empty";
                return false;
            }
            if (required && string.IsNullOrWhiteSpace(value))
            {
                reason = Blank(field);
                return false;
            }
            return true;
        }

        value = null;
        reason = null;
        if (Absent(token))
        {
            return true;
        }
        if (token.Kind != JsonTokenType.String)
        {
            reason = WrongKind(field, "a string", token.Kind);
            return false;
        }
        var names = WireFields.Allowed[typeIndex, (int)field]!;
        if (token.Escaped)
        {
            var text = Decode(line, token);
            var i = Array.IndexOf(names, text);
            value = i >= 0 ? names[i] : null;
        }
        else
        {
            var bytes = line.Slice(token.Start, token.Length);
            for (var i = 0; i < allowed.Length; i++)
            {
                if (bytes.SequenceEqual(allowed[i]))
                {
                    value = names[i]; // the canonical instance: no string per event
                    break;
                }
            }
        }
        if (value is null)
        {
            reason = $"field \"{Name(field)}\" has value {Show(Decode(line, token))}, allowed: {string.Join(", ", names)}";
            return false;
        }
        return true;
    }

    private static bool InstantField(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, WireField field, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)field];
        value = default;
        if (token.Kind != JsonTokenType.String)
        {
            reason = WrongKind(field, "an RFC 3339 instant string", token.Kind);
            return false;
        }
        var ok = token.Escaped
            ? Rfc3339.TryParse(Decode(line, token).AsSpan(), out value, out var error)
            : Rfc3339.TryParse(line.Slice(token.Start, token.Length), out value, out error);
        if (!ok)
        {
            reason = $"field \"{Name(field)}\": {error}: {Show(Decode(line, token))}";
            return false;
        }
        reason = null;
        return true;
    }

    private static bool OptionalInstant(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, WireField field, out Instant? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        reason = null;
        if (Absent(tokens[(int)field]))
        {
            return true;
        }
        if (!InstantField(line, tokens, field, out var instant, out reason))
        {
            return false;
        }
        value = instant;
        return true;
    }

    private static bool AmountField(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, out decimal? value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)WireField.Amount];
        value = null;
        reason = null;
        if (Absent(token))
        {
            return true;
        }
        if (token.Kind is not (JsonTokenType.Number or JsonTokenType.String))
        {
            reason = WrongKind(WireField.Amount, "a number or a numeric string", token.Kind);
            return false;
        }
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        var ok = token.Escaped
            ? decimal.TryParse(Decode(line, token), Styles, CultureInfo.InvariantCulture, out var amount)
            : decimal.TryParse(line.Slice(token.Start, token.Length), Styles, CultureInfo.InvariantCulture, out amount);
        if (!ok)
        {
            var shown = token.Kind == JsonTokenType.String
                ? Show(Decode(line, token))
                : Encoding.UTF8.GetString(line.Slice(token.Start, token.Length));
            reason = $"field \"amount\" is not a decimal number: {shown}";
            return false;
        }
        value = amount;
        return true;
    }

    private static bool StarsField(ReadOnlySpan<byte> line, ReadOnlySpan<Token> tokens, out int? value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)WireField.Stars];
        value = null;
        reason = null;
        if (Absent(token))
        {
            return true;
        }
        if (token.Kind != JsonTokenType.Number)
        {
            reason = WrongKind(WireField.Stars, "a number", token.Kind);
            return false;
        }
        var text = line.Slice(token.Start, token.Length);
        if (!WholeNumber(text, out var stars) || stars is < 1 or > 5)
        {
            reason = $"field \"stars\" must be a whole number from 1 to 5, got {Encoding.UTF8.GetString(text)}";
            return false;
        }
        value = stars;
        return true;
    }

    /// <summary>An integer, also written with a zero fraction or exponent (2.0, 2e0): JSON does not tell them apart.</summary>
    private static bool WholeNumber(ReadOnlySpan<byte> text, out int value)
    {
        if (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length) return true;
        if (((Utf8Parser.TryParse(text, out decimal number, out consumed) && consumed == text.Length)
                || (Utf8Parser.TryParse(text, out number, out consumed, 'E') && consumed == text.Length))
            && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }
        value = 0;
        return false;
    }

    private static bool BoolField(ReadOnlySpan<Token> tokens, WireField field, out bool? value, [NotNullWhen(false)] out string? reason)
    {
        ref readonly var token = ref tokens[(int)field];
        reason = null;
        switch (token.Kind)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.None or JsonTokenType.Null:
                value = null;
                return true;
            default:
                value = null;
                reason = WrongKind(field, "true or false", token.Kind);
                return false;
        }
    }

    /// <summary>Low-cardinality fields whose strings are shared through <see cref="Utf8StringPool"/>.</summary>
    private static readonly ulong PooledFields =
        WireFields.Bit(WireField.Seller) | WireFields.Bit(WireField.Marketplace) | WireFields.Bit(WireField.Currency)
        | WireFields.Bit(WireField.Carrier) | WireFields.Bit(WireField.Agent);

    [ThreadStatic]
    private static Utf8StringPool? t_pool;

    private static string DecodeValue(ReadOnlySpan<byte> line, in Token token, WireField field)
    {
        if (token.Escaped || (PooledFields & WireFields.Bit(field)) == 0)
        {
            return Decode(line, token);
        }
        return (t_pool ??= new Utf8StringPool()).Get(line.Slice(token.Start, token.Length));
    }

    private static string Decode(ReadOnlySpan<byte> line, in Token token)
    {
        if (!token.Escaped)
        {
            return Encoding.UTF8.GetString(line.Slice(token.Start, token.Length));
        }
        // The quoted token on its own is a JSON document: let the reader unescape it.
        var quoted = new Utf8JsonReader(line.Slice(token.Start - 1, token.Length + 2), isFinalBlock: true, state: default);
        quoted.Read();
        return quoted.GetString()!;
    }

    /// <summary>A key made only of spaces would name a thing no one can tell apart from its neighbours.</summary>
    private static string Blank(WireField field) => $"field \"{Name(field)}\" is blank (only white space)";

    private static string WrongKind(WireField field, string expected, JsonTokenType actual) =>
        $"field \"{Name(field)}\" must be {expected}, not {Describe(actual)}";

    private static string Describe(JsonTokenType kind) => kind switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => kind.ToString(),
    };

    private static string Show(string value) =>
        value.Length <= MaxShownValue
            ? JsonSerializerQuote(value)
            : JsonSerializerQuote(value[..MaxShownValue]) + "…";

    private static string JsonSerializerQuote(string value) => "\"" + JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
