using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>
/// The working intervals of each weekday. A day with no intervals is a day off. Intervals are kept
/// sorted and must not overlap, so summing them never counts the same minute twice.
/// </summary>
public sealed class WorkingHours
{
    private static readonly IsoDayOfWeek[] AllDays =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    // Indexed by (int)IsoDayOfWeek, 1..7; slot 0 (IsoDayOfWeek.None) is never used.
    private readonly WorkingInterval[][] _byDay = new WorkingInterval[8][];

    /// <summary>Every day of the week, 00:00–24:00.</summary>
    public static WorkingHours AllDay { get; } = Uniform(AllDays, new WorkingInterval(LocalTime.Midnight, null));

    /// <summary>Monday to Friday, <paramref name="start"/> to <paramref name="end"/> (null = 24:00); weekends off.</summary>
    public static WorkingHours Weekdays(LocalTime start, LocalTime? end) =>
        Uniform(AllDays[..5], new WorkingInterval(start, end));

    public WorkingHours(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        foreach (var day in AllDays)
        {
            _byDay[(int)day] = days.TryGetValue(day, out var intervals) ? Normalise(day, intervals) : [];
        }
        foreach (var day in days.Keys)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
                throw new ArgumentException($"{day} is not a day of the week.", nameof(days));
        }
    }

    /// <summary>The intervals of <paramref name="day"/>, sorted by start; empty means a day off.</summary>
    public IReadOnlyList<WorkingInterval> For(IsoDayOfWeek day) =>
        day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday
            ? _byDay[(int)day]
            : throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week.");

    /// <summary>True when at least one weekday has working hours; otherwise no day can ever be a business day.</summary>
    public bool HasAnyWorkingDay => AllDays.Any(d => _byDay[(int)d].Length > 0);

    private static WorkingHours Uniform(IEnumerable<IsoDayOfWeek> days, WorkingInterval interval) =>
        new(days.ToDictionary(d => d, _ => (IReadOnlyList<WorkingInterval>)[interval]));

    private static WorkingInterval[] Normalise(IsoDayOfWeek day, IReadOnlyList<WorkingInterval> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].IsEmpty)
                throw new ArgumentException($"{day}: working interval {sorted[i]} is empty; write 24:00 as a null End.");
            // Sorted by start, so an overlap can only be with the previous interval; only the last may run to 24:00.
            if (i > 0 && (sorted[i - 1].End is not { } previousEnd || previousEnd > sorted[i].Start))
                throw new ArgumentException($"{day}: working intervals {sorted[i - 1]} and {sorted[i]} overlap.");
        }
        return sorted;
    }
}
