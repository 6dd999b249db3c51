using System.Diagnostics.CodeAnalysis;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Standing.Data.Ndjson;

/// <summary>
/// RFC 3339 instants, by hand for speed: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>, with
/// lower-case <c>t</c>/<c>z</c> accepted. An instant must carry an offset (or Z); a local date-time
/// is rejected, as are impossible dates (2026-02-30) and times (hour 24, second 60).
/// </summary>
public static class Rfc3339
{
    public const string NotAnInstant = "not an RFC 3339 instant";
    public const string WithoutOffset = "instant without offset";
    public const string InvalidDate = "invalid date";
    public const string InvalidTime = "invalid time of day";
    public const string InvalidOffset = "invalid offset";

    /// <summary>The longest text <see cref="Format(Instant, Span{byte})"/> writes (a year before 1 needs a sign).</summary>
    public const int MaxFormattedLength = 31;

    private static readonly int[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Parses UTF-8 text; on failure <paramref name="error"/> is one of this class's constants.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out Instant instant, [NotNullWhen(false)] out string? error)
    {
        instant = default;
        if (s.Length < 19
            || !Digits4(s, 0, out var year) || s[4] != '-'
            || !Digits2(s, 5, out var month) || s[7] != '-'
            || !Digits2(s, 8, out var day) || (s[10] | 0x20) != 't'
            || !Digits2(s, 11, out var hour) || s[13] != ':'
            || !Digits2(s, 14, out var minute) || s[16] != ':'
            || !Digits2(s, 17, out var second))
        {
            error = NotAnInstant;
            return false;
        }

        var i = 19;
        long nanos = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (digits < 9)
                {
                    nanos = (nanos * 10) + (s[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0)
            {
                error = NotAnInstant;
                return false;
            }
            if (digits < 9)
            {
                nanos *= Pow10[9 - digits];
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            error = InvalidDate;
            return false;
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            error = InvalidTime;
            return false;
        }

        if (i == s.Length)
        {
            error = WithoutOffset;
            return false;
        }

        int offsetSeconds;
        var c = s[i];
        if ((c | 0x20) == 'z')
        {
            offsetSeconds = 0;
            i++;
        }
        else if (c is (byte)'+' or (byte)'-')
        {
            if (s.Length - i < 6 || !Digits2(s, i + 1, out var oh) || s[i + 3] != ':' || !Digits2(s, i + 4, out var om))
            {
                error = NotAnInstant;
                return false;
            }
            if (oh > 23 || om > 59)
            {
                error = InvalidOffset;
                return false;
            }
            offsetSeconds = ((oh * 3600) + (om * 60)) * (c == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            error = NotAnInstant;
            return false;
        }

        if (i != s.Length)
        {
            error = NotAnInstant;
            return false;
        }

        var seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos);
        error = null;
        return true;
    }

    /// <summary>Parses UTF-16 text (see the UTF-8 overload).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Instant instant, [NotNullWhen(false)] out string? error)
    {
        Span<byte> ascii = stackalloc byte[64];
        if (s.Length > ascii.Length || Ascii.FromUtf16(s, ascii, out var written) != System.Buffers.OperationStatus.Done)
        {
            instant = default;
            error = NotAnInstant;
            return false;
        }
        return TryParse(ascii[..written], out instant, out error);
    }

    /// <summary>
    /// Writes <paramref name="instant"/> exactly as <see cref="InstantPattern.ExtendedIso"/> does
    /// (UTC, <c>Z</c>, fraction only when non-zero and without trailing zeros); returns the length.
    /// </summary>
    public static int Format(Instant instant, Span<byte> destination)
    {
        var seconds = instant.ToUnixTimeSeconds();
        var nanos = (instant - Instant.FromUnixTimeSeconds(seconds)).ToInt64Nanoseconds();
        var days = Math.DivRem(seconds, 86_400L, out var secondOfDay);
        if (secondOfDay < 0)
        {
            days--;
            secondOfDay += 86_400;
        }
        CivilFromDays(days, out var year, out var month, out var day);
        if (year is < 1 or > 9999)
        {
            return Encoding.UTF8.GetBytes(InstantPattern.ExtendedIso.Format(instant), destination);
        }

        var d = destination;
        Put4(d, 0, (int)year);
        d[4] = (byte)'-';
        Put2(d, 5, month);
        d[7] = (byte)'-';
        Put2(d, 8, day);
        d[10] = (byte)'T';
        var sod = (int)secondOfDay;
        Put2(d, 11, sod / 3600);
        d[13] = (byte)':';
        Put2(d, 14, sod / 60 % 60);
        d[16] = (byte)':';
        Put2(d, 17, sod % 60);
        var i = 19;
        if (nanos != 0)
        {
            d[i++] = (byte)'.';
            var n = (int)nanos;
            var digits = 9;
            while (n % 10 == 0)
            {
                n /= 10;
                digits--;
            }
            for (var k = digits - 1; k >= 0; k--)
            {
                d[i + k] = (byte)('0' + (n % 10));
                n /= 10;
            }
            i += digits;
        }
        d[i++] = (byte)'Z';
        return i;
    }

    /// <summary>The <see cref="InstantPattern.ExtendedIso"/> text of <paramref name="instant"/>.</summary>
    public static string Format(Instant instant)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Encoding.UTF8.GetString(buffer[..Format(instant, buffer)]);
    }

    private static bool Digits2(ReadOnlySpan<byte> s, int at, out int value)
    {
        var a = (uint)(s[at] - '0');
        var b = (uint)(s[at + 1] - '0');
        value = (int)((a * 10) + b);
        return a <= 9 && b <= 9;
    }

    private static bool Digits4(ReadOnlySpan<byte> s, int at, out int value)
    {
        var ok = Digits2(s, at, out var hi) & Digits2(s, at + 2, out var lo);
        value = (hi * 100) + lo;
        return ok;
    }

    private static void Put2(Span<byte> d, int at, int value)
    {
        d[at] = (byte)('0' + (value / 10));
        d[at + 1] = (byte)('0' + (value % 10));
    }

    private static void Put4(Span<byte> d, int at, int value)
    {
        Put2(d, at, value / 100);
        Put2(d, at + 2, value % 100);
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeap(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146_097) + doe - 719_468;
    }

    private static void CivilFromDays(long z, out long year, out int month, out int day)
    {
        z += 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var doe = z - (era * 146_097);
        var yoe = (doe - (doe / 1460) + (doe / 36_524) - (doe / 146_096)) / 365;
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yoe + (era * 400) + (month <= 2 ? 1 : 0);
    }
}
