using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>The date of Easter, from which the movable holidays are counted.</summary>
public static class Computus
{
    /// <summary>The first year the Gregorian rule applies (it was adopted in October 1582).</summary>
    public const int FirstGregorianYear = 1583;

    /// <summary>
    /// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher):
    /// integer arithmetic only, exact for every Gregorian year.
    /// </summary>
    public static LocalDate GregorianEasterSunday(int year)
    {
        if (year is < FirstGregorianYear or > 9999)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The Gregorian computus covers {FirstGregorianYear}–9999.");
        var a = year % 19;                 // position in the 19-year Metonic cycle
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;           // lunar (Metonic) correction
        var h = ((19 * a) + b - d - g + 15) % 30; // days from 21 March to the paschal full moon (epact)
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7; // days from the full moon to the following Sunday
        var m = (a + (11 * h) + (22 * l)) / 451;
        var n = h + l - (7 * m) + 114;
        return new LocalDate(year, n / 31, (n % 31) + 1);
    }
}
