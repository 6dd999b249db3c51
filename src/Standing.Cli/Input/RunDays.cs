using NodaTime;
using NodaTime.Text;

namespace Standing.Cli.Input;

/// <summary>
/// The as-of instants of <c>standing run</c>: one <c>--as-of</c>, or every day of <c>--from DATE --to
/// DATE</c> (inclusive), each meaning midnight at the start of that day in each policy's zone.
/// </summary>
internal sealed record RunDays(string? AsOf, IReadOnlyList<LocalDate> Dates)
{
    public static bool TryParse(string? asOf, string? from, string? to, TextWriter stderr, out RunDays days)
    {
        days = new RunDays(null, []);
        if (asOf is not null && (from is not null || to is not null))
        {
            stderr.WriteLine("give either --as-of INSTANT or --from DATE --to DATE, not both");
            return false;
        }
        if (asOf is not null)
        {
            days = new RunDays(asOf, []);
            return true;
        }
        if (from is null || to is null)
        {
            stderr.WriteLine("give --as-of INSTANT, or both --from DATE and --to DATE");
            return false;
        }
        var f = LocalDatePattern.Iso.Parse(from);
        var t = LocalDatePattern.Iso.Parse(to);
        if (!f.Success || !t.Success)
        {
            var (flag, text) = f.Success ? ("--to", to) : ("--from", from);
            stderr.WriteLine($"{flag} \"{text}\" is not a date: {flag} takes a date like 2026-03-01 (a day that exists in the calendar)");
            return false;
        }
        if (t.Value < f.Value)
        {
            stderr.WriteLine($"--to {to} is before --from {from}");
            return false;
        }
        var dates = new List<LocalDate>();
        for (var d = f.Value; d <= t.Value; d = d.PlusDays(1)) dates.Add(d);
        days = new RunDays(null, dates);
        return true;
    }

    /// <summary>How many as-of steps there are.</summary>
    public int Count => AsOf is null ? Dates.Count : 1;

    /// <summary>The as-of instant of step <paramref name="i"/> in a policy's zone.</summary>
    public bool TryInstant(int i, DateTimeZone zone, out Instant instant, out string error)
    {
        if (AsOf is not null) return AsOfParser.TryParse(AsOf, zone, out instant, out error);
        instant = zone.AtStartOfDay(Dates[i]).ToInstant();
        error = "";
        return true;
    }
}
