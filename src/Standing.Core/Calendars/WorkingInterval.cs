using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>
/// One stretch of working time within a day, [Start, End) in local time. End null means 24:00: LocalTime
/// cannot express the end of the day, and midnight would read as an empty interval.
/// </summary>
public sealed record WorkingInterval(LocalTime Start, LocalTime? End)
{
    /// <summary>True when the interval covers no time (End at or before Start).</summary>
    public bool IsEmpty => End is { } end && end <= Start;

    public override string ToString() => $"{Start:HH:mm}-{(End is { } end ? end.ToString("HH:mm", null) : "24:00")}";
}
