using NodaTime;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

public sealed class CompactInstantTests
{
    public static TheoryData<string> Instants => new()
    {
        "2026-05-01T10:00:00Z",
        "2026-05-01T10:00:00.123456789Z", // nanoseconds: finer than a tick, kept exactly
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z",
        "1677-09-22T00:00:00Z", // first whole day a long of nanoseconds holds
        "2262-04-10T23:59:59.999999999Z", // last one
        "0001-01-01T00:00:00Z", // far: kept in the overflow array
        "9999-12-31T23:59:59.999999999Z",
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Every_instant_reads_back_exactly(string text)
    {
        var at = EventScript.At(text);
        long field = CompactInstant.Missing;
        Instant[]? far = null;

        CompactInstant.Write(ref field, ref far, 1, 3, at);

        Assert.Equal(at, CompactInstant.Read(field, far, 1));
        Assert.Equal(far is not null, field == CompactInstant.Far);
    }

    [Fact]
    public void Missing_reads_as_null()
    {
        Assert.Null(CompactInstant.Read(CompactInstant.Missing, null, 0));
    }

    [Fact]
    public void Stored_values_order_like_their_instants()
    {
        var ordered = new[] { "1677-09-22T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2026-05-01T10:00:00.000000001Z", "2262-04-10T23:59:59Z" };
        var raws = ordered.Select(t => CompactInstant.TryEncode(EventScript.At(t), out var raw) ? raw : throw new InvalidOperationException(t)).ToArray();

        Assert.Equal(raws.Order(), raws);
        Assert.All(raws, r => Assert.True(r > CompactInstant.BelowAll));
    }

    [Theory]
    [InlineData("2026-05-03T00:00:00Z", "2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z")]
    [InlineData("2026-05-01T00:00:00Z", "2026-05-03T00:00:00Z", "2026-05-01T00:00:00Z")]
    [InlineData("9999-01-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z")]
    [InlineData("2026-05-01T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("0001-01-02T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void Keeping_the_earliest_works_across_near_and_far_instants(string first, string second, string expected)
    {
        long field = CompactInstant.Missing;
        Instant[]? far = null;

        CompactInstant.KeepEarliest(ref field, ref far, 0, 1, EventScript.At(first));
        CompactInstant.KeepEarliest(ref field, ref far, 0, 1, EventScript.At(second));

        Assert.Equal(EventScript.At(expected), CompactInstant.Read(field, far, 0));
    }

    [Theory]
    [InlineData("2026-05-01T00:00:00Z", "2026-04-30T23:59:59.999999999Z", false)]
    [InlineData("2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z", true)]
    [InlineData("0001-01-01T00:00:00Z", "1677-09-22T00:00:00Z", true)]
    [InlineData("9999-01-01T00:00:00Z", "2262-04-10T00:00:00Z", false)]
    public void A_bound_compares_with_stored_values_as_the_instants_compare(string bound, string value, bool atOrAfter)
    {
        var raw = CompactInstant.Bound(EventScript.At(bound));
        Assert.True(CompactInstant.TryEncode(EventScript.At(value), out var stored));

        Assert.Equal(atOrAfter, stored >= raw);
        Assert.Equal(CompactInstant.BelowAll, CompactInstant.Bound(null));
    }
}
