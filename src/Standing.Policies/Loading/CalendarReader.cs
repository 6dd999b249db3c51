using NodaTime;
using NodaTime.Text;
using Standing.Core.Calendars;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads the <c>calendar</c> section: business days, working hours, holidays. Absent, every day is a
/// business day from 00:00 to 24:00 with no holidays.
/// </summary>
internal sealed class CalendarReader(YamlCursor cursor)
{
    private static readonly Dictionary<string, IsoDayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday,
    };

    public BusinessCalendar Read(YamlNode? node, DateTimeZone zone)
    {
        var map = cursor.Mapping(node, "calendar");
        if (map is null) return new BusinessCalendar(zone, WorkingHours.AllDay, NoHolidays.Instance);
        cursor.OnlyKeys(map, "calendar", "business_days", "hours", "holidays");
        // Every part is read, so that all the calendar's mistakes are listed at once; each mistake in a
        // list is reported at its item.
        var ok = true;

        var days = Days.Values.ToList();
        if (YamlCursor.Get(map, "business_days") is { } daysNode)
        {
            days = [];
            foreach (var (text, item) in Items(daysNode, "business_days"))
            {
                if (text is not null && Days.TryGetValue(text, out var d)) days.Add(d);
                else if (text is not null) cursor.Error(item, $"unknown day \"{text}\"; use mon, tue, wed, thu, fri, sat, sun");
                ok = ok && text is not null && Days.ContainsKey(text);
            }
            if (daysNode is YamlSequenceNode { Children.Count: 0 })
            {
                cursor.Error(daysNode, "\"business_days\" lists no days; the calendar needs at least one business day");
                ok = false;
            }
        }

        var intervals = new List<WorkingInterval> { new(LocalTime.Midnight, null) };
        if (YamlCursor.Get(map, "hours") is { } hoursNode)
        {
            intervals = [];
            var read = new List<(WorkingInterval Interval, string Text)>();
            foreach (var (text, item) in Items(hoursNode, "hours"))
            {
                if (text is null)
                {
                    ok = false;
                    continue;
                }
                if (Interval(text, out var problem) is { } interval)
                {
                    if (read.FirstOrDefault(r => Overlap(r.Interval, interval)) is { Text: not null } earlier)
                    {
                        cursor.Error(item, $"working hours \"{text}\" overlap \"{earlier.Text}\"");
                        ok = false;
                    }
                    read.Add((interval, text));
                    intervals.Add(interval);
                }
                else
                {
                    cursor.Error(item, $"working hours \"{text}\" {problem}");
                    ok = false;
                }
            }
            if (hoursNode is YamlSequenceNode { Children.Count: 0 })
            {
                cursor.Error(hoursNode, "\"hours\" lists no working hours; give at least one, e.g. \"08:00-24:00\"");
                ok = false;
            }
        }

        var holidays = ReadHolidays(map);
        if (!ok || days.Count == 0 || intervals.Count == 0)
            return new BusinessCalendar(zone, WorkingHours.AllDay, NoHolidays.Instance); // not used: the policy fails to load
        var byDay = Days.Values.ToDictionary(d => d, d => (IReadOnlyList<WorkingInterval>)(days.Contains(d) ? intervals : []));
        return new BusinessCalendar(zone, new WorkingHours(byDay), holidays);
    }

    /// <summary>
    /// The texts of a list (or of a single text written instead of a list), each with its own node; an
    /// item that is not text is reported and given as null.
    /// </summary>
    private List<(string? Text, YamlNode Item)> Items(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } single }) return [(single, node)];
        if (node is not YamlSequenceNode seq)
        {
            cursor.Error(node, $"\"{key}\" must be a list of texts");
            return [(null, node)];
        }
        var result = new List<(string?, YamlNode)>();
        foreach (var item in seq)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } v }) result.Add((v, item));
            else
            {
                cursor.Error(item, $"each entry of \"{key}\" must be text");
                result.Add((null, item));
            }
        }
        return result;
    }

    /// <summary>Two intervals share a moment (an end of null is 24:00; touching at an instant is not overlap).</summary>
    private static bool Overlap(WorkingInterval a, WorkingInterval b) =>
        (b.End is not { } bEnd || a.Start < bEnd) && (a.End is not { } aEnd || b.Start < aEnd);

    private IHolidayCalendar ReadHolidays(YamlMappingNode map)
    {
        var node = YamlCursor.Get(map, "holidays");
        if (node is null) return NoHolidays.Instance;
        var calendars = new List<IHolidayCalendar>();
        var fixedDates = new List<(LocalDate, string)>();
        foreach (var (text, item) in Items(node, "holidays"))
        {
            if (text is null) continue;
            if (text == "poland") calendars.Add(PolishPublicHolidays.Instance);
            else if (LocalDatePattern.Iso.Parse(text) is { Success: true } date) fixedDates.Add((date.Value, "holiday"));
            else cursor.Error(item, $"holiday \"{text}\" must be a date like 2026-12-24 or a named set (poland)");
        }
        if (fixedDates.Count > 0) calendars.Add(new FixedHolidays(fixedDates));
        return calendars.Count switch
        {
            0 => NoHolidays.Instance,
            1 => calendars[0],
            _ => new CompositeHolidays(calendars),
        };
    }

    /// <summary>"HH:MM-HH:MM" (the end may be 24:00), or null with what is wrong.</summary>
    private static WorkingInterval? Interval(string text, out string problem)
    {
        problem = "must look like 08:00-24:00 (a start and an end, HH:MM-HH:MM)";
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        var pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
        var start = pattern.Parse(parts[0]);
        if (!start.Success) return null;
        if (parts[1] == "24:00") return new WorkingInterval(start.Value, null);
        var end = pattern.Parse(parts[1]);
        if (!end.Success) return null;
        if (end.Value > start.Value) return new WorkingInterval(start.Value, end.Value);
        problem = end.Value == start.Value
            ? "start and end at the same time; working hours need a start before their end"
            : $"start ({parts[0]}) after they end ({parts[1]}); hours across midnight are two intervals, e.g. [\"{parts[0]}-24:00\", \"00:00-{parts[1]}\"]";
        return null;
    }
}
