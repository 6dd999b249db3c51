using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>
/// The attribution of a metric that has none of its own, as shown to people: a ratio is attributed by
/// each side's date, a score through its components. Only its name is ever read.
/// </summary>
public sealed class DerivedAttribution(string name) : IFactField
{
    public static readonly DerivedAttribution Components = new("each component's own date");

    public static DerivedAttribution Ratio(RatioPart numerator, RatioPart denominator) =>
        new($"{numerator.AttributeBy.Name} ({SideName(numerator)}) / {denominator.AttributeBy.Name} ({SideName(denominator)})");

    private static string SideName(RatioPart part) => FactFields.SubjectName(part.Subject);

    public string Name { get; } = name;
    public Subject Subject => Subject.Orders;
    public FieldType Type => FieldType.Instant;
    public string Description => "a derived metric is attributed through the metrics or sides it is made of";
}
