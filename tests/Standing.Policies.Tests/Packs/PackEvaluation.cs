using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Policies;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>Runs a built-in pack over hand-written events, the way <c>standing evaluate</c> does.</summary>
internal static class PackEvaluation
{
    public static SellerEvaluation Evaluate(string pack, IEnumerable<StandingEvent> events, string asOf, bool explain = false)
    {
        var instant = EventScript.At(asOf);
        var facts = FactFolder.Fold(events, instant);
        Assert.Single(facts);
        return new PolicyEvaluator(BuiltInPacks.Load(pack)).EvaluateSeller(facts[0], instant, explain);
    }
}
