using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;
using Standing.Enforcement.Machines;
using Standing.Policies;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// An accepted dispute takes its item out of the metric from the acceptance on. The shop: 200 orders
/// from 2026-04-01, one-star reviews on orders 1–3 (ODR 3/200 = 1.5%); order 1's defect is disputed
/// and accepted at 2026-04-12T09:00Z: from then ODR = 2/199 ≈ 1.005% and only 2 defective orders since
/// the first sale, so the automatic warning (which needs 3) no longer holds.
/// </summary>
public sealed class DisputeExclusionTests
{
    private const string Seller = "shop-d";
    private static readonly Instant Accepted = Instant.FromUtc(2026, 4, 12, 9, 0);

    private static readonly Dispute Disputed = new()
    {
        Id = "d-1",
        Seller = Seller,
        Policy = "congocrea",
        Item = "o-1",
        Reason = "the buyer reviewed the wrong shop",
        OpenedAt = Instant.FromUtc(2026, 4, 11, 9, 0),
        State = Dispute.Accepted,
        DecidedAt = Accepted,
        DecidedBy = "amina",
        Note = "confirmed with the buyer",
    };

    private static IReadOnlyList<Core.Events.StandingEvent> Events()
    {
        var s = new EventScript(Seller).PlacedMany("o", 200, "2026-04-01T00:00:00Z");
        s.Review("o-1", 1, "2026-04-10T10:00:00Z").Review("o-2", 1, "2026-04-10T11:00:00Z").Review("o-3", 1, "2026-04-10T12:00:00Z");
        return s.Events;
    }

    private static SellerEvaluation Evaluate(Instant asOf, IReadOnlyList<Dispute> disputes)
    {
        var policy = DisputeExclusion.Apply(BuiltInPacks.Load("congocrea"), disputes, asOf);
        var facts = FactFolder.Fold(Events(), asOf).Single();
        return new PolicyEvaluator(policy).EvaluateSeller(facts, asOf, explain: true);
    }

    [Fact]
    public void After_acceptance_the_item_counts_in_neither_numerator_nor_denominator()
    {
        var after = Evaluate(Instant.FromUtc(2026, 4, 15, 0, 0), [Disputed]);
        var odr = after.Metric("odr")!;
        Assert.Equal(2, odr.Numerator);
        Assert.Equal(199, odr.Denominator);
        Assert.DoesNotContain(odr.Items, i => i.Id == "o-1");
        Assert.Equal(2, after.Metric("defective_orders_lifetime")!.Value);
        Assert.False(after.Outcomes.Single(o => o.Outcome == "warning").Triggered);
    }

    [Fact]
    public void An_evaluation_as_of_before_the_acceptance_gives_what_it_gave_then()
    {
        var asOf = Accepted; // the decision is not known at its own instant, as events are not
        var then = Evaluate(asOf, [Disputed]);
        var without = Evaluate(asOf, []);
        Assert.Equal(3, then.Metric("odr")!.Numerator);
        Assert.Equal(without.Metric("odr")!.Value, then.Metric("odr")!.Value);
        Assert.True(then.Outcomes.Single(o => o.Outcome == "warning").Triggered);
    }

    [Fact]
    public void Open_and_rejected_disputes_change_nothing_and_a_metric_scoped_one_leaves_the_others()
    {
        var later = Instant.FromUtc(2026, 4, 15, 0, 0);
        Assert.Equal(3, Evaluate(later, [Disputed with { State = Dispute.Open, DecidedAt = null }]).Metric("odr")!.Numerator);
        Assert.Equal(3, Evaluate(later, [Disputed with { State = Dispute.Rejected }]).Metric("odr")!.Numerator);
        var scoped = Evaluate(later, [Disputed with { Metric = "odr" }]);
        Assert.Equal(2, scoped.Metric("odr")!.Numerator);
        Assert.Equal(3, scoped.Metric("defective_orders_lifetime")!.Value);
    }

    /// <summary>
    /// What explain lists under a metric: the disputes of that policy in effect at the as-of; one of
    /// every metric (no --metric) only under metrics on its item's subject — review r-o-1 is not an
    /// order, so ODR (a metric of orders) does not list it.
    /// </summary>
    [Fact]
    public void Explain_lists_under_a_metric_only_the_disputes_that_leave_it()
    {
        var policy = BuiltInPacks.Load("congocrea");
        var odr = policy.Metrics.Single(m => m.Id == "odr");
        var later = Instant.FromUtc(2026, 4, 15, 0, 0);
        var facts = FactFolder.Fold(Events(), later).Single();
        var otherPolicy = Disputed with { Id = "d-2", Policy = "promua" };
        var review = Disputed with { Id = "d-3", Item = "r-o-1" };
        var otherMetric = Disputed with { Id = "d-4", Item = "o-2", Metric = "defective_orders_lifetime" };

        var listed = DisputeExclusion.Excluded(policy, odr, [Disputed, otherPolicy, review, otherMetric], later, facts);
        Assert.Equal(["d-1"], listed.Select(d => d.Id));
        Assert.Empty(DisputeExclusion.Excluded(policy, odr, [Disputed], Accepted, facts)); // not yet in effect
        Assert.Equal(["d-1", "d-3"], DisputeExclusion.Excluded(policy, odr, [Disputed, review], later).Select(d => d.Id)); // without facts: by policy and metric only
    }

    [Fact]
    public void The_daily_run_uses_the_accepted_disputes()
    {
        var policy = BuiltInPacks.Load("congocrea");
        var asOf = Instant.FromUtc(2026, 4, 15, 0, 0);
        var events = Events().ToList();
        var facts = FactFolder.Fold(events, asOf);
        var bySeller = new Dictionary<string, List<Core.Events.StandingEvent>> { [Seller] = events };
        var none = new Dictionary<string, List<EnforcementCase>>();
        var withDispute = EnforcementRun.Advance(policy, new CongocreaMachine(), asOf, facts, bySeller, none, new Dictionary<string, List<Dispute>> { [Seller] = [Disputed] });
        Assert.Empty(withDispute);
        var without = EnforcementRun.Advance(policy, new CongocreaMachine(), asOf, facts, bySeller, none, new Dictionary<string, List<Dispute>>());
        Assert.Equal(CaseKinds.Warning, Assert.Single(Assert.Single(without).ChangedCases).Kind);
    }
}
