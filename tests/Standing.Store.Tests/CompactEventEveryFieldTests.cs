using System.Reflection;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// Every settable property of <see cref="StandingEvent"/>, found by reflection, survives the compact form a first load
/// keeps its events in (<see cref="CompactEvent"/>): each one alone, and all at once, with a value of its own and with an
/// empty one ("" for a string, false, zero). A field added to the event and not to the compact form is lost in the round
/// trip and fails here; a field of a type this test does not know how to fill fails here too, so that it gets a value.
/// </summary>
public sealed class CompactEventEveryFieldTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static readonly PropertyInfo[] Fields = typeof(StandingEvent)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.Name != nameof(StandingEvent.Seller)) // the seller is the kept events' key, given back to Read
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> FieldNames() => [.. Fields.Select(p => p.Name)];

    /// <summary>A value for the field, distinct per field (its place in the list) unless <paramref name="empty"/>.</summary>
    private static object Value(PropertyInfo field, int place, bool empty)
    {
        var type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
        if (type == typeof(string)) return empty ? "" : $"{field.Name}-{place}-é";
        if (type == typeof(Instant)) return empty ? Instant.FromUnixTimeTicks(0) : T0.PlusTicks(place * 1_000_003L);
        if (type == typeof(decimal)) return empty ? 0.00m : -12.3450m * (place + 1);
        if (type == typeof(int)) return empty ? 0 : -(place + 1);
        if (type == typeof(bool)) return !empty;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(empty ? 0 : (place % (values.Length - 1)) + 1)!;
        }
        throw new InvalidOperationException($"no value for {field.Name} of type {field.PropertyType}: give this test one and the compact form the field");
    }

    private static StandingEvent Event(IEnumerable<PropertyInfo> set, bool empty)
    {
        var e = new StandingEvent { Id = "e-1", Type = EventType.OrderPlaced, At = T0, Seller = "s-1" };
        foreach (var field in set) field.SetValue(e, Value(field, Array.IndexOf(Fields, field), empty));
        return e;
    }

    private static void AssertHeld(StandingEvent e)
    {
        var words = new CompactEvent.Vocabulary();
        var writer = new CompactWriter(8);
        Assert.True(CompactEvent.TryWrite(ref writer, e, words));
        var reader = new CompactReader(writer.Written);
        var back = CompactEvent.Read(ref reader, e.Seller, words);
        foreach (var field in Fields.Append(typeof(StandingEvent).GetProperty(nameof(StandingEvent.Seller))!))
            Assert.True(Equals(field.GetValue(e), field.GetValue(back)), $"{field.Name}: {field.GetValue(e) ?? "null"} came back {field.GetValue(back) ?? "null"}");
        Assert.Equal(e, back);
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Each_field_alone_comes_back(string name)
    {
        var field = Fields.Single(p => p.Name == name);
        AssertHeld(Event([field], empty: false));
        AssertHeld(Event([field], empty: true));
    }

    [Fact]
    public void Every_field_at_once_comes_back()
    {
        Assert.True(Fields.Length >= 30, "the reflection found the event's fields");
        AssertHeld(Event(Fields, empty: false));
        AssertHeld(Event(Fields, empty: true));
    }
}
