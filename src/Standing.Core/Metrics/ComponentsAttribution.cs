using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>The attribution of a score, which has none of its own: each component is attributed by its own date.</summary>
public sealed class ComponentsAttribution : IFactField
{
    public static readonly ComponentsAttribution Instance = new();

    private ComponentsAttribution()
    {
    }

    public string Name => "each component's own date";
    public Subject Subject => Subject.Orders;
    public FieldType Type => FieldType.Instant;
    public string Description => "a score is attributed through its components";
}
