using System.Text;
using NodaTime;
using NodaTime.Text;
using Standing.Data.Ndjson;

namespace Standing.Data.Tests.Ndjson;

public sealed class Rfc3339Tests
{
    // 2025-01-01T00:00:00Z is Unix 1735689600; 2026-01-01 is 365 days later, 1767225600;
    // 2026-03-02 is 31 + 28 + 1 = 60 days after that: 1767225600 + 60 × 86400 = 1772409600.
    private const long March2nd2026 = 1_772_409_600;

    private static Instant Parse(string text)
    {
        Assert.True(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var instant, out var error), error);
        return instant;
    }

    private static string Error(string text)
    {
        Assert.False(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));
        return error;
    }

    [Fact]
    public void An_offset_of_plus_one_hour_is_taken_off_to_get_the_instant()
    {
        // 09:15 at +01:00 is 08:15 UTC: 8 × 3600 + 15 × 60 = 29700 s into the day.
        Assert.Equal(Instant.FromUnixTimeSeconds(March2nd2026 + 29_700), Parse("2026-03-02T09:15:00+01:00"));
    }

    [Fact]
    public void Fractional_seconds_with_a_plus_five_thirty_offset_parse_to_the_right_instant()
    {
        // 09:15:00.25 at +05:30 is 03:45:00.25 UTC: 3 × 3600 + 45 × 60 = 13500 s, plus 250 ms.
        var expected = Instant.FromUnixTimeSeconds(March2nd2026 + 13_500).PlusNanoseconds(250_000_000);

        Assert.Equal(expected, Parse("2026-03-02T09:15:00.25+05:30"));
    }

    [Fact]
    public void A_negative_offset_can_carry_the_instant_into_the_next_year_with_nanosecond_precision()
    {
        // 23:30 on New Year's Eve at -02:00 is 01:30 UTC on 2027-01-01 (1767225600 + 365 × 86400 = 1798761600).
        var expected = Instant.FromUnixTimeSeconds(1_798_761_600 + 5_400).PlusNanoseconds(123_456_789);

        Assert.Equal(expected, Parse("2026-12-31T23:30:00.123456789-02:00"));
    }

    [Fact]
    public void Lower_case_t_and_z_are_accepted_and_digits_beyond_nanoseconds_are_truncated()
    {
        Assert.Equal(Instant.FromUnixTimeSeconds(March2nd2026).PlusNanoseconds(999_999_999), Parse("2026-03-02t00:00:00.9999999999z"));
    }

    [Theory]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2000-02-29T12:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z")]
    [InlineData("2026-03-02T00:00:00-00:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void Valid_edge_dates_are_accepted(string text)
    {
        Assert.Equal(OffsetDateTimePattern.ExtendedIso.Parse(text.Replace("-00:00", "Z", StringComparison.Ordinal)).Value.ToInstant(), Parse(text));
    }

    [Theory]
    [InlineData("2026-03-02T09:15:00", Rfc3339.WithoutOffset)]
    [InlineData("2026-03-02T09:15:00.5", Rfc3339.WithoutOffset)]
    [InlineData("2026-02-30T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-02-29T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("1900-02-29T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-04-31T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-13-01T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-00-10T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-03-00T10:00:00Z", Rfc3339.InvalidDate)]
    [InlineData("2026-03-02T24:00:00Z", Rfc3339.InvalidTime)]
    [InlineData("2026-03-02T23:60:00Z", Rfc3339.InvalidTime)]
    [InlineData("2026-03-02T23:59:60Z", Rfc3339.InvalidTime)]
    [InlineData("2026-03-02T10:00:00+24:00", Rfc3339.InvalidOffset)]
    [InlineData("2026-03-02T10:00:00+01:60", Rfc3339.InvalidOffset)]
    [InlineData("2026-03-02", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02 10:00:00Z", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02T10:00Z", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02T10:00:00.Z", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02T10:00:00+0100", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02T10:00:00+01", Rfc3339.NotAnInstant)]
    [InlineData("2026-03-02T10:00:00ZZ", Rfc3339.NotAnInstant)]
    [InlineData("2026-3-2T10:00:00Z", Rfc3339.NotAnInstant)]
    [InlineData("", Rfc3339.NotAnInstant)]
    public void Bad_instants_are_rejected_with_the_reason(string text, string error)
    {
        Assert.Equal(error, Error(text));
    }

    [Fact]
    public void Formatting_writes_exactly_what_NodaTime_extended_iso_writes()
    {
        var random = new Random(20260302);
        var instants = new List<Instant>
        {
            Instant.FromUnixTimeSeconds(0),
            Instant.FromUnixTimeSeconds(-1).PlusNanoseconds(1),
            Instant.FromUtc(1, 1, 1, 0, 0),
            Instant.FromUtc(9999, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999),
            Instant.FromUtc(2026, 3, 2, 8, 15, 0).PlusNanoseconds(100_000_000),
            Instant.MinValue,
            Instant.MaxValue,
        };
        for (var i = 0; i < 20_000; i++)
        {
            var seconds = random.NextInt64(-62_135_596_800, 253_402_300_799);
            var nanos = (i % 4) switch { 0 => 0, 1 => random.Next(1000) * 1_000_000, 2 => random.Next(1000) * 1000, _ => random.Next(1_000_000_000) };
            instants.Add(Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos));
        }

        foreach (var instant in instants)
        {
            var text = Rfc3339.Format(instant);
            Assert.Equal(InstantPattern.ExtendedIso.Format(instant), text);
            if (instant != Instant.MinValue && instant != Instant.MaxValue && instant >= Instant.FromUtc(1, 1, 1, 0, 0))
            {
                Assert.Equal(instant, Parse(text));
            }
        }
    }
}
