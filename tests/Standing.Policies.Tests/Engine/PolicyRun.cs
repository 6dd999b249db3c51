using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>Loads a policy from YAML text and evaluates hand-written events with it, as <c>standing evaluate</c> does.</summary>
internal static class PolicyRun
{
    public const string Header = """
        id: engine-case
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC

        """;

    public static PolicyEvaluation Evaluate(string yaml, IEnumerable<StandingEvent> events, string asOf)
    {
        var instant = EventScript.At(asOf);
        var facts = FactFolder.Fold(events, instant);
        return new PolicyEvaluator(PolicyLoader.Load(yaml, "case.yaml")).Evaluate(facts, instant);
    }

    public static SellerEvaluation One(string yaml, EventScript seller, string asOf) =>
        Assert.Single(Evaluate(yaml, seller.Events, asOf).Sellers);
}
