using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Facts;

/// <summary>The kinds of things a policy can read about a fact.</summary>
public enum Subject
{
    Orders,
    Reviews,
    Cases,
    Complaints,
    Refunds,
    Conversations,
    Messages,
    Consultations,
    /// <summary>Messages agents wrote (for conduct checks); not in the shared vocabulary of the others.</summary>
    AgentMessages,
}

public enum FieldType
{
    Bool,
    Number,
    Instant,
    Text,
}

/// <summary>A named, typed field of a fact that policies may filter on: the whole vocabulary is in <see cref="FactFields"/>.</summary>
public interface IFactField
{
    string Name { get; }
    Subject Subject { get; }
    FieldType Type { get; }
    string Description { get; }
}

/// <summary>A fact field with a typed accessor (no reflection: policy text only picks among these).</summary>
public sealed class FactField<T> : IFactField
{
    private FactField(string name, Subject subject, FieldType type, string description)
    {
        Name = name;
        Subject = subject;
        Type = type;
        Description = description;
    }

    public string Name { get; }
    public Subject Subject { get; }
    public FieldType Type { get; }
    public string Description { get; }
    public Func<T, bool?>? Bool { get; private init; }
    public Func<T, double?>? Number { get; private init; }
    public Func<T, Instant?>? Instant { get; private init; }
    public Func<T, string?>? Text { get; private init; }

    /// <summary>
    /// For instant fields the fact stores compactly: the stored value (see <see cref="CompactInstant"/>),
    /// so hot loops compare longs without building an <c>Instant?</c>. <see cref="CompactInstant.Far"/>
    /// means "read <see cref="Instant"/> instead"; null when the field has no compact form.
    /// </summary>
    internal Func<T, long>? RawInstant { get; private init; }

    public static FactField<T> OfBool(string name, Subject subject, string description, Func<T, bool?> get) =>
        new(name, subject, FieldType.Bool, description) { Bool = get };

    public static FactField<T> OfNumber(string name, Subject subject, string description, Func<T, double?> get) =>
        new(name, subject, FieldType.Number, description) { Number = get };

    public static FactField<T> OfInstant(string name, Subject subject, string description, Func<T, Instant?> get) =>
        new(name, subject, FieldType.Instant, description) { Instant = get };

    internal static FactField<T> OfInstant(string name, Subject subject, string description, Func<T, Instant?> get, Func<T, long> raw) =>
        new(name, subject, FieldType.Instant, description) { Instant = get, RawInstant = raw };

    public static FactField<T> OfText(string name, Subject subject, string description, Func<T, string?> get) =>
        new(name, subject, FieldType.Text, description) { Text = get };

    /// <summary>The field's value as text, for explanations.</summary>
    public string Show(T item, DateTimeZone zone) => Type switch
    {
        FieldType.Bool => Bool!(item)?.ToString().ToLowerInvariant() ?? "unset",
        FieldType.Number => Number!(item)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset",
        FieldType.Instant => LocalText.Show(Instant!(item), zone),
        _ => Text!(item) ?? "unset",
    };
}
