using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement;

/// <summary>
/// What a daily run of a policy did, as its summary line says it: cases opened, other transitions, notices written,
/// and of those the periodic reports sent. Kept per seller with the seller's stored book, so a run stored a batch at a
/// time (and one carried on after it was cut short) sums to what one uninterrupted run says.
/// </summary>
public readonly record struct RunCounts(int Opened, int Transitions, int Notices, int Reports)
{
    public static RunCounts Of(CaseBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var audit = book.AuditEntries;
        return new(
            audit.Count(a => a.Action == "opened"),
            audit.Count(a => a.Action is not "opened" and not PeriodicReports.Sent),
            book.Notices.Count,
            audit.Count(a => a.Action == PeriodicReports.Sent));
    }

    public static RunCounts operator +(RunCounts a, RunCounts b) =>
        new(a.Opened + b.Opened, a.Transitions + b.Transitions, a.Notices + b.Notices, a.Reports + b.Reports);

    public static RunCounts Add(RunCounts a, RunCounts b) => a + b;
}
