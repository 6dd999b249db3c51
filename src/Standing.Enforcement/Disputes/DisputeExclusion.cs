using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Enforcement.Disputes;

/// <summary>
/// Takes accepted disputes out of a policy's metrics for one seller: each disputed metric gets a
/// population condition "item id is not one of the disputed items", so the item counts in neither
/// numerator nor denominator. Evaluation itself is unchanged; an as-of before the acceptance gets the
/// policy as it was, so history stays reproducible.
/// </summary>
public static class DisputeExclusion
{
    private static readonly FactField<OrderFact> OrderId = FactField<OrderFact>.OfText("order", Subject.Orders, "the order's id", o => o.Order);
    private static readonly FactField<ReviewFact> ReviewId = FactField<ReviewFact>.OfText("review", Subject.Reviews, "the review's id", r => r.Review);
    private static readonly FactField<CaseFact> CaseId = FactField<CaseFact>.OfText("case", Subject.Cases, "the case's id", c => c.Case);

    /// <summary>Whether disputes can take items out of this metric (its subject has an id field here).</summary>
    public static bool Supports(MetricDefinition metric) => IdField(metric.Subject) is not null;

    /// <summary>The disputes that take effect for <paramref name="metric"/> as of <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<Dispute> For(MetricDefinition metric, IEnumerable<Dispute> disputes, Instant asOf) =>
        disputes.Where(d => d.ExcludesAt(asOf) && (d.Metric is null || d.Metric == metric.Id)).OrderBy(d => d.Item, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The accepted disputes whose items an evaluation of <paramref name="metric"/> under
    /// <paramref name="policy"/> as of <paramref name="asOf"/> leaves out, by item: what <c>explain</c>
    /// lists. A dispute of every metric (no <see cref="Dispute.Metric"/>) shows only under the metrics
    /// on its item's subject when the seller's <paramref name="facts"/> are given.
    /// </summary>
    public static IReadOnlyList<Dispute> Excluded(Policy policy, MetricDefinition metric, IEnumerable<Dispute> disputes, Instant asOf, SellerFacts? facts = null)
    {
        if (!Supports(metric)) return [];
        return For(metric, disputes.Where(d => d.Policy == policy.Id), asOf)
            .Where(d => d.Metric is not null || facts is null || Holds(facts, metric.Subject, d.Item))
            .ToList();
    }

    private static bool Holds(SellerFacts facts, Subject subject, string item) => subject switch
    {
        Subject.Orders => facts.Orders.Any(o => o.Order == item),
        Subject.Reviews => facts.Reviews.Any(r => r.Review == item),
        Subject.Cases => facts.Cases.Any(c => c.Case == item),
        _ => false,
    };

    /// <summary>The policy with the seller's accepted disputes (as of <paramref name="asOf"/>) taken out; the same policy when none apply.</summary>
    public static Policy Apply(Policy policy, IReadOnlyCollection<Dispute> sellerDisputes, Instant asOf)
    {
        var relevant = sellerDisputes.Where(d => d.Policy == policy.Id && d.ExcludesAt(asOf)).ToList();
        if (relevant.Count == 0) return policy;
        var changed = false;
        var metrics = policy.Metrics.Select(m =>
        {
            var items = For(m, relevant, asOf).Select(d => d.Item).Distinct().ToList();
            if (items.Count == 0 || IdField(m.Subject) is not { } field) return m;
            changed = true;
            var notDisputed = new Condition(field, CompareOp.Ne) { Texts = items };
            return m with { Population = new Filter(true, [notDisputed], [m.Population]) };
        }).ToList();
        return changed ? policy with { Metrics = metrics } : policy;
    }

    private static IFactField? IdField(Subject subject) => subject switch
    {
        Subject.Orders => OrderId,
        Subject.Reviews => ReviewId,
        Subject.Cases => CaseId,
        _ => null,
    };
}
