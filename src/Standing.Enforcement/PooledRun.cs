using NodaTime;
using Standing.Core.Evaluation;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement;

/// <summary>
/// A policy that judges sellers against each other (Prom.ua), run once its peer pool is judged. When the pool
/// holds all of an evaluation (<see cref="PolicyEvaluator.PoolSuffices"/>), every seller's evaluation comes from it,
/// and a machine that is idle for a seller without case, dispute or triggered outcome needs the facts of the other
/// sellers only: a daily run measures the pool on its one walk over the store, then reads those few again.
/// </summary>
public static class PooledRun
{
    /// <summary>Every pooled seller's evaluation, in the pool's order; null when the pool does not suffice.</summary>
    public static IReadOnlyList<SellerEvaluation>? Evaluations(PolicyEvaluator evaluator, Instant asOf, PeerPool pool)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(pool);
        if (!evaluator.PoolSuffices) return null;
        var evaluations = new SellerEvaluation[pool.Count];
        Parallel.For(0, pool.Count, i => evaluations[i] = evaluator.EvaluateFromPool(pool.Sellers[i], asOf, pool));
        return evaluations;
    }

    /// <summary>
    /// The sellers whose books <paramref name="machine"/> may change, in the order of <paramref name="evaluations"/>:
    /// those with a case of the policy, a dispute, or an outcome triggered. Null when the machine may change any
    /// seller's book (every seller's facts are needed).
    /// </summary>
    public static IReadOnlyList<string>? ToAdvance(IPackMachine machine, IReadOnlyList<SellerEvaluation> evaluations,
        Func<string, bool> hasCase, Func<string, bool> hasDispute)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(evaluations);
        if (!machine.IdleWithoutCasesOrOutcomes) return null;
        return evaluations.Where(e => hasCase(e.Seller) || hasDispute(e.Seller) || e.Outcomes.Any(o => o.Triggered)).Select(e => e.Seller).ToList();
    }
}
