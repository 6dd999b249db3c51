using NodaTime;
using Standing.Core.Metrics;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Policies;

namespace Standing.Enforcement.Tests;

/// <summary>
/// A person's decision is audited with the metric values the case last had: the snapshot of the
/// latest entry of its audit trail that carries one, made by the time of the decision.
/// </summary>
public sealed class DecisionEvidenceTests
{
    private const string Seller = "shop-c";
    private static readonly Instant Warned = HandMade.Day(2026, 4, 15);

    private static MetricSnapshot Odr(double value, string status, Instant end) => new("odr", value, 1, 10, status, null, end);

    private static AuditEntry Entry(int seq, Instant at, params MetricSnapshot[] snapshot) => new()
    {
        CaseId = "c",
        Seller = Seller,
        Seq = seq,
        At = at,
        Actor = "rule:congocrea/warning",
        Action = "re-evaluated",
        ToState = "issued",
        Reason = "test",
        Snapshot = snapshot,
    };

    [Fact]
    public void The_latest_snapshot_made_by_the_decision_is_the_one_the_person_saw()
    {
        var first = Odr(0.012, "breach", Warned);
        var second = Odr(0.02, "breach", Warned + Duration.FromDays(10));
        AuditEntry[] trail = [Entry(1, Warned, first), Entry(2, Warned + Duration.FromDays(10), second), Entry(3, Warned + Duration.FromDays(11))];

        Assert.Equal([second], AuditTrail.LatestSnapshot(trail, Warned + Duration.FromDays(12))); // the entry without one is skipped
        Assert.Equal([first], AuditTrail.LatestSnapshot(trail, Warned + Duration.FromDays(5)));   // a back-dated decision saw the first
        Assert.Empty(AuditTrail.LatestSnapshot([Entry(1, Warned)], Warned));                      // nothing to show: nothing shown
    }

    /// <summary>
    /// ODR 1.2% warns; 2.0% thirty days later (+0.8 points, after the 30 days to act) re-evaluates early and proposes a suspension
    /// with that evaluation's snapshot; the person who confirms it is audited with ODR 2.0%, breach.
    /// </summary>
    [Fact]
    public void Confirming_a_suspension_proposal_is_audited_with_the_metric_values_of_the_proposal()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Evaluation(0.012));
        driver.Step(Warned + Duration.FromDays(30), [], Evaluation(0.02));
        var proposal = driver.Only(CaseKinds.SuspensionProposal);

        var book = driver.Book();
        var at = Warned + Duration.FromDays(32);
        var seen = AuditTrail.LatestSnapshot(driver.Audit.Where(a => a.CaseId == proposal.Id), at);
        Assert.Null(DecisionRules.Apply(book, proposal, new Decision(Decision.Confirm), "marie", "no improvement", at, seen));

        var decision = Assert.Single(book.AuditEntries);
        Assert.Equal("person:marie", decision.Actor);
        var odr = Assert.Single(decision.Snapshot, m => m.Metric == "odr");
        Assert.Equal(0.02, odr.Value!.Value, 9);
        Assert.Equal("breach", odr.Status);
        Assert.Equal(driver.Audit.Single(a => a.CaseId == proposal.Id).Snapshot, decision.Snapshot);
    }

    private static Core.Evaluation.SellerEvaluation Evaluation(double odr) =>
        HandMade.Evaluation(Seller, [HandMade.Result(HandMade.Metric("odr", new RollingWindow(90)), odr, MetricStatus.Breach, null, Instant.MinValue)
            with { Numerator = (long)Math.Round(odr * 1000), Denominator = 1000 }], ("warning", true)); // of 1,000 orders
}
