using NodaTime;

namespace Standing.Enforcement.Cases;

/// <summary>
/// One seller's cases under one policy while a machine (or a decision) works on them, and what it
/// changed: the cases to store, the audit entries and the notices to append.
/// </summary>
public sealed class CaseBook
{
    private readonly Dictionary<string, EnforcementCase> _cases;
    private readonly Dictionary<string, EnforcementCase> _changed = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _audit = [];
    private readonly List<Notice> _notices = [];

    /// <param name="policyVersion">The version of the policy the cases are advanced under: recorded on every case
    /// opened (<see cref="EnforcementCase.PolicyVersionKey"/>), so a case says which rules it was opened under.</param>
    public CaseBook(string seller, string policy, IEnumerable<EnforcementCase> cases, string? policyVersion = null)
    {
        Seller = seller;
        Policy = policy;
        PolicyVersion = policyVersion;
        _cases = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public string Seller { get; }
    public string Policy { get; }
    public string? PolicyVersion { get; }

    /// <summary>Every case, oldest first.</summary>
    public IEnumerable<EnforcementCase> All => _cases.Values.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal);

    public IEnumerable<EnforcementCase> OfKind(string kind) => All.Where(c => c.Kind == kind);

    /// <summary>The open case of a kind (a machine keeps at most one open per kind unless it says otherwise).</summary>
    public EnforcementCase? OpenOf(string kind) => OfKind(kind).LastOrDefault(c => c.IsOpen);

    public EnforcementCase? LatestOf(string kind) => OfKind(kind).LastOrDefault();

    public EnforcementCase? Find(string id) => _cases.GetValueOrDefault(id);

    public IReadOnlyCollection<EnforcementCase> ChangedCases => _changed.Values;
    public IReadOnlyList<AuditEntry> AuditEntries => _audit;
    public IReadOnlyList<Notice> Notices => _notices;
    public bool HasChanges => _changed.Count > 0;

    /// <summary>A case id that says what the case is and is the same whichever run creates it.</summary>
    public string NewId(string kind, Instant at, DateTimeZone zone, string? suffix = null)
    {
        var date = at.InZone(zone).Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var id = $"{Policy}.{kind}.{Seller}.{date}{(suffix is null ? "" : "." + suffix)}";
        var candidate = id;
        for (var n = 2; _cases.ContainsKey(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    /// <summary>Opens a case and records its first audit entry (action "opened", or "sent" for a periodic report).</summary>
    public EnforcementCase Open(EnforcementCase opened, Actor actor, string reason, IReadOnlyList<MetricSnapshot> snapshot, string action = "opened")
    {
        if (_cases.ContainsKey(opened.Id)) throw new InvalidOperationException($"case {opened.Id} exists already");
        if (PolicyVersion is { } version && opened.Get(EnforcementCase.PolicyVersionKey) is null) opened = opened.With(EnforcementCase.PolicyVersionKey, version);
        var entry = Audit(opened, actor, action, null, opened.State, reason, snapshot, opened.OpenedAt);
        var stored = opened with { AuditCount = entry.Seq };
        _cases[stored.Id] = stored;
        _changed[stored.Id] = stored;
        return stored;
    }

    /// <summary>Moves a case (to a new state, or the same state with new data) and records why.</summary>
    public EnforcementCase Move(EnforcementCase current, EnforcementCase next, Actor actor, string action, string reason, IReadOnlyList<MetricSnapshot> snapshot, Instant at)
    {
        var entry = Audit(current, actor, action, current.State, next.State, reason, snapshot, at);
        var stored = next with { AuditCount = entry.Seq, UpdatedAt = at };
        _cases[stored.Id] = stored;
        _changed[stored.Id] = stored;
        return stored;
    }

    /// <summary>Writes a notice caused by the case's latest audit entry (its idempotency key).</summary>
    public Notice Notify(EnforcementCase @case, string kind, string audience, string title, IReadOnlyList<string> lines,
        IReadOnlyList<MetricSnapshot>? metrics = null, IReadOnlyList<string>? items = null)
    {
        var notice = new Notice
        {
            Id = $"{@case.Id}#{@case.AuditCount}",
            Seller = @case.Seller,
            Policy = @case.Policy,
            CaseId = @case.Id,
            Kind = kind,
            Audience = audience,
            At = @case.UpdatedAt,
            Title = title,
            Lines = lines,
            Metrics = metrics ?? [],
            Items = items ?? [],
        };
        _notices.Add(notice);
        return notice;
    }

    private AuditEntry Audit(EnforcementCase c, Actor actor, string action, string? from, string to, string reason, IReadOnlyList<MetricSnapshot> snapshot, Instant at)
    {
        var entry = new AuditEntry
        {
            CaseId = c.Id,
            Seller = c.Seller,
            Seq = c.AuditCount + 1,
            At = at,
            Actor = actor.Name,
            Action = action,
            FromState = from,
            ToState = to,
            Reason = reason,
            Snapshot = snapshot,
        };
        _audit.Add(entry);
        return entry;
    }
}
