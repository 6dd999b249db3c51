using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// E-confiance (docs/standards/econfiance.md). Outcome <c>trust_badge</c> triggered means the trust index earns
/// the badge: it is granted when the index reaches the threshold and withdrawn when it falls below.
/// </summary>
public sealed class TrustBadgeMachine : IPackMachine
{
    public const string Outcome = "trust_badge";
    private const string IndexMetric = "trust_index";

    public string Policy => "econfiance";

    public void Advance(MachineInput input, CaseBook book)
    {
        var earned = input.Triggered(Outcome);
        var badge = book.OpenOf(CaseKinds.TrustBadge);
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, Outcome);
        var reason = input.Outcome(Outcome)?.Reason ?? "the policy has no trust_badge rule";
        if (earned && badge is null)
        {
            var granted = book.Open(input.Recorded(new EnforcementCase
            {
                Id = book.NewId(CaseKinds.TrustBadge, input.AsOf, input.Policy.Zone),
                Seller = book.Seller,
                Policy = Policy,
                Kind = CaseKinds.TrustBadge,
                State = CaseStates.Granted,
                OpenedAt = input.AsOf,
                UpdatedAt = input.AsOf,
            }), rule, "trust index reached the badge threshold: " + reason, snapshot);
            MachineNotices.Notify(input, book, granted, "badge_granted", "seller", "Trust badge granted",
                ["Your after-sales trust index earns the trust badge: " + reason], snapshot, new(reason, input.Evaluation.Metric(IndexMetric), Outcome: Outcome));
        }
        else if (!earned && badge is not null)
        {
            var withdrawn = book.Move(badge, badge with { State = CaseStates.Withdrawn, ClosedAt = input.AsOf }, rule, "withdrawn",
                "trust index below the badge threshold: " + reason, snapshot, input.AsOf);
            MachineNotices.Notify(input, book, withdrawn, "badge_withdrawn", "seller", "Trust badge withdrawn",
                ["Your after-sales trust index no longer earns the trust badge: " + reason], snapshot, new(reason, input.Evaluation.Metric(IndexMetric), Outcome: Outcome));
        }
    }
}
