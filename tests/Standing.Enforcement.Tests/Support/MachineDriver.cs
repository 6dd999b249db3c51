using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Tests.Support;

/// <summary>
/// Runs one machine for one seller run after run, keeping its cases, audit trail and notices as a
/// store would: what each step changed replaces what was there.
/// </summary>
internal sealed class MachineDriver(IPackMachine machine, Policy policy, string seller)
{
    private readonly Dictionary<string, EnforcementCase> _cases = new(StringComparer.Ordinal);
    private readonly SortedSet<Instant> _runs = [];

    public List<AuditEntry> Audit { get; } = [];
    public List<Notice> Notices { get; } = [];
    public IReadOnlyList<EnforcementCase> Cases => _cases.Values.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();

    public EnforcementCase Only(string kind) => Assert.Single(Cases, c => c.Kind == kind);

    /// <summary>One run as of <paramref name="asOf"/>; the evaluation is the given one, or the policy's own over the events.</summary>
    public CaseBook Step(Instant asOf, IReadOnlyList<StandingEvent> events, SellerEvaluation? evaluation = null)
    {
        var known = events.Where(e => e.At < asOf).ToList();
        var facts = FactFolder.Fold(known, asOf).SingleOrDefault(f => f.Seller == seller) ?? new SellerFacts(seller, [], [], []);
        var evaluator = new PolicyEvaluator(policy);
        var book = new CaseBook(seller, policy.Id, _cases.Values, policy.Version);
        Instant? previous = _runs.GetViewBetween(Instant.MinValue, asOf).Where(r => r < asOf).Select(r => (Instant?)r).LastOrDefault();
        _runs.Add(asOf);
        machine.Advance(new MachineInput
        {
            Policy = policy,
            AsOf = asOf,
            Evaluation = evaluation ?? evaluator.EvaluateSeller(facts, asOf),
            Facts = facts,
            Events = known,
            PreviousRun = previous,
            Explained = () => evaluator.EvaluateSeller(facts, asOf, explain: true),
        }, book);
        Apply(book);
        return book;
    }

    public void Apply(CaseBook book)
    {
        foreach (var c in book.ChangedCases) _cases[c.Id] = c;
        Audit.AddRange(book.AuditEntries);
        Notices.AddRange(book.Notices);
    }

    public CaseBook Book() => new(seller, policy.Id, _cases.Values);

    /// <summary>Starts from a case another run (e.g. under an earlier version of the policy) left in the store.</summary>
    public void Seed(EnforcementCase c) => _cases[c.Id] = c;
}
