using NodaTime;

namespace Standing.Enforcement.Cases;

/// <summary>Reading a case's audit trail.</summary>
public static class AuditTrail
{
    /// <summary>
    /// The metric values the case last had at <paramref name="at"/>: the snapshot of its latest audit
    /// entry made by then that carries one. A person's decision is audited with it, so the trail shows
    /// what the person saw; empty when no entry carries a snapshot (a letter, for one).
    /// </summary>
    public static IReadOnlyList<MetricSnapshot> LatestSnapshot(IEnumerable<AuditEntry> trail, Instant at) =>
        trail.Where(a => a.At <= at && a.Snapshot.Count > 0).OrderBy(a => a.Seq).LastOrDefault()?.Snapshot ?? [];
}
