using System.Runtime.CompilerServices;
using Standing.Core.Evaluation;
using Standing.Core.Forecasting;
using Standing.Core.Policies;

namespace Standing.Server.Jobs;

/// <summary>
/// A policy's evaluator and forecaster (its filters compiled), made once per policy instance and kept while
/// the instance lives: the server's built-in policies are parsed once per process, so a read no longer
/// compiles them again. Both are used by many requests at once; neither changes after it is made.
/// A policy with a seller's disputes taken out is a new instance per request and is compiled for it.
/// </summary>
public static class CompiledPolicies
{
    private sealed record Compiled(PolicyEvaluator Evaluator, SellerForecaster Forecaster);

    private static readonly ConditionalWeakTable<Policy, Compiled> Kept = new();

    public static PolicyEvaluator Evaluator(Policy policy) => Of(policy).Evaluator;

    public static SellerForecaster Forecaster(Policy policy) => Of(policy).Forecaster;

    private static Compiled Of(Policy policy) =>
        Kept.GetValue(policy, static p => new Compiled(new PolicyEvaluator(p), new SellerForecaster(p)));
}
