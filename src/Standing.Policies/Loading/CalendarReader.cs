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

        var days = Days.Values.ToList();
        if (YamlCursor.Get(map, "business_days") is { } daysNode)
        {
            days = [];
            foreach (var name in cursor.Texts(map, "business_days"))
            {
                if (Days.TryGetValue(name, out var d)) days.Add(d);
                else cursor.Error(daysNode, $"unknown day \"{name}\"; use mon, tue, wed, thu, fri, sat, sun");
            }
        }

        var intervals = new List<WorkingInterval> { new(LocalTime.Midnight, null) };
        if (YamlCursor.Get(map, "hours") is { } hoursNode)
        {
            intervals = [];
            var texts = hoursNode is YamlScalarNode ? [cursor.Text(map, "hours", true, "calendar") ?? ""] : cursor.Texts(map, "hours");
            foreach (var text in texts)
            {
                if (ParseInterval(text) is { } interval) intervals.Add(interval);
                else cursor.Error(hoursNode, $"working hours \"{text}\" must look like 08:00-24:00");
            }
        }

        if (days.Count == 0 || intervals.Count == 0)
        {
            cursor.Error(map, "the calendar needs at least one business day with working hours");
            return new BusinessCalendar(zone, WorkingHours.AllDay, NoHolidays.Instance); // not used: the policy fails to load
        }
        if (HasOverlap(intervals))
        {
            cursor.Error(YamlCursor.Get(map, "hours")!, "working hours overlap");
            return new BusinessCalendar(zone, WorkingHours.AllDay, NoHolidays.Instance);
        }
        var byDay = Days.Values.ToDictionary(d => d, d => (IReadOnlyList<WorkingInterval>)(days.Contains(d) ? intervals : []));
        return new BusinessCalendar(zone, new WorkingHours(byDay), ReadHolidays(map));
    }

    private static bool HasOverlap(List<WorkingInterval> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].End is not { } end || end > sorted[i].Start) return true;
        }
        return false;
    }

    private IHolidayCalendar ReadHolidays(YamlMappingNode map)
    {
        var node = YamlCursor.Get(map, "holidays");
        if (node is null) return NoHolidays.Instance;
        var calendars = new List<IHolidayCalendar>();
        var fixedDates = new List<(LocalDate, string)>();
        foreach (var text in cursor.Texts(map, "holidays"))
        {
            if (text == "poland") calendars.Add(PolishPublicHolidays.Instance);
            else if (LocalDatePattern.Iso.Parse(text) is { Success: true } date) fixedDates.Add((date.Value, "holiday"));
            else cursor.Error(node, $"holiday \"{text}\" must be a date like 2026-12-24 or a named set (poland)");
        }
        if (fixedDates.Count > 0) calendars.Add(new FixedHolidays(fixedDates));
        return calendars.Count switch
        {
            0 => NoHolidays.Instance,
            1 => calendars[0],
            _ => new CompositeHolidays(calendars),
        };
    }

    private static WorkingInterval? ParseInterval(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        var start = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[0]);
        if (!start.Success) return null;
        if (parts[1] == "24:00") return new WorkingInterval(start.Value, null);
        var end = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[1]);
        return end.Success && end.Value > start.Value ? new WorkingInterval(start.Value, end.Value) : null;
    }
}
