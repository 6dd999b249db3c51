using NodaTime;

namespace Standing.Enforcement;

/// <summary>
/// The as-of instants a policy's daily job has already been run for on a store. Cases are carried
/// forward in time order only: an as-of already run is skipped (running it again changes nothing),
/// an as-of after the latest one is run, and an as-of before the latest one that was never run is
/// refused, because running it now would change cases in the past that later runs already built on.
/// </summary>
public sealed class RunHistory
{
    private readonly HashSet<Instant> _done;

    public RunHistory(string policy, IEnumerable<Instant> done)
    {
        Policy = policy;
        _done = [.. done];
        Latest = _done.Count == 0 ? null : _done.Max();
    }

    public string Policy { get; }

    /// <summary>The latest as-of run, or null when the policy was never run on the store.</summary>
    public Instant? Latest { get; }

    public bool WasRun(Instant asOf) => _done.Contains(asOf);

    /// <summary>
    /// The first of <paramref name="asOfs"/> (in the order given, which is the order they will run in)
    /// that may not run: one never run, before the latest as-of run. Null when every one may run (or is
    /// skipped as already run).
    /// </summary>
    public Instant? FirstRewritingHistory(IEnumerable<Instant> asOfs)
    {
        var latest = Latest;
        foreach (var asOf in asOfs)
        {
            if (WasRun(asOf)) continue;
            if (latest is { } l && asOf < l) return asOf;
            latest = asOf;
        }
        return null;
    }
}
