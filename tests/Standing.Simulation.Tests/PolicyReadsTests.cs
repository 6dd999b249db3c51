using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Policies;

namespace Standing.Simulation.Tests;

/// <summary>
/// What a policy's evaluation declares it reads (<see cref="PolicyEvaluator.Reads"/>) is all it reads: stored facts
/// decoded with only those lists evaluate, explained, exactly as whole ones, under every built-in pack, on a
/// generated history with orders, reviews, cases, complaints, refunds and chats.
/// </summary>
public sealed class PolicyReadsTests(SimulatedMarketplace marketplace) : IClassFixture<SimulatedMarketplace>
{
    [Fact]
    public void Facts_holding_only_what_a_policy_reads_evaluate_as_whole_facts_under_every_built_in_pack()
    {
        var asOf = SimulatedMarketplace.End;
        var stored = FactFolder.Fold(marketplace.Events, asOf).Select(FactSnapshot.Write).ToList();
        var whole = stored.Select(b => FactSnapshot.Read(b)!).ToList();
        var partial = 0;
        foreach (var id in BuiltInPacks.Ids)
        {
            var evaluator = new PolicyEvaluator(BuiltInPacks.Load(id));
            var reads = evaluator.Reads;
            Assert.NotEqual(FactKinds.None, reads);
            if (reads != FactKinds.All) partial++;
            var part = stored.Select(b => FactSnapshot.Read(b, reads)!).ToList();
            Assert.Equal(Text(evaluator.Evaluate(whole, asOf, explain: true)), Text(evaluator.Evaluate(part, asOf, explain: true)));
        }
        // The packs read fewer than all the lists (none measures every subject), so the partial reads were exercised.
        Assert.True(partial > 0, "every pack read every list");
    }

    [Fact]
    public void A_pack_of_orders_reads_the_orders_alone_and_its_evaluation_needs_them()
    {
        // Congocrea's three metrics are all of orders (its pack's text: "subject: orders" three times, nothing else).
        var evaluator = new PolicyEvaluator(BuiltInPacks.Load("congocrea"));
        Assert.Equal(FactKinds.Orders, evaluator.Reads);
        var asOf = SimulatedMarketplace.End;
        var withoutOrders = FactFolder.Fold(marketplace.Events, asOf).Take(5)
            .Select(f => FactSnapshot.Read(FactSnapshot.Write(f), FactKinds.All & ~FactKinds.Orders)!).ToList();
        // Facts without the lists a policy reads are refused, not taken as a seller with no orders.
        var refused = Assert.ThrowsAny<Exception>(() => evaluator.Evaluate(withoutOrders, asOf));
        Assert.Contains(refused is AggregateException a ? a.Flatten().InnerExceptions : [refused], e => e is InvalidOperationException);
    }

    [Fact]
    public void A_scorecard_reads_the_chats_and_the_orders_besides_its_metrics()
    {
        // Tmall's metrics are of conversations; its agent scorecard also looks at the orders a chat led to.
        var tmall = BuiltInPacks.Load("tmall");
        Assert.NotNull(tmall.Scorecard);
        Assert.Equal(FactKinds.Conversations | FactKinds.Orders, new PolicyEvaluator(tmall).Reads);
        Assert.Equal(FactKinds.Conversations, new PolicyEvaluator(tmall with { Scorecard = null }).Reads);
    }

    /// <summary>Every figure, status, verdict, agent and explained item of an evaluation, as text.</summary>
    private static string Text(PolicyEvaluation evaluation) => string.Join("\n", evaluation.Sellers.Select(s =>
        $"{s.Seller}: " + string.Join("; ", s.Metrics.Select(m =>
            $"{m.Id} {m.Value} {m.Numerator}/{m.Denominator} +{m.Pending} {m.Status} {m.Percentile} {m.PValue} {m.PeerRate} [{string.Join(",", m.Items.Select(i => i.ToString()))}]"))
        + " | " + string.Join(";", s.Outcomes) + " | " + string.Join(";", s.Agents)));
}
