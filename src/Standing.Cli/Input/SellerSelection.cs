using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Cli.Input;

/// <summary>Folds the events into facts as of an instant, for all sellers or the one asked for.</summary>
internal static class SellerSelection
{
    /// <summary>
    /// The facts of every seller, or of <paramref name="seller"/> alone; with <paramref name="keepOthers"/>
    /// the others are kept too (a standard that compares sellers needs them) and the named one is still checked.
    /// </summary>
    public static bool TryFacts(IReadOnlyList<StandingEvent> events, Instant asOf, string? seller, TextWriter stderr, out IReadOnlyList<SellerFacts> facts, bool keepOthers = false)
    {
        var selected = seller is null ? events : events.Where(e => e.Seller == seller).ToList();
        if (seller is not null && selected.Count == 0)
        {
            stderr.WriteLine($"unknown seller \"{seller}\": no event in the input names it");
            facts = [];
            return false;
        }
        facts = FactFolder.Fold(keepOthers ? events : selected, asOf);
        if (seller is not null && !facts.Any(f => f.Seller == seller))
        {
            // The seller exists, but only after as-of: report it as known with no facts yet.
            facts = [.. facts, new SellerFacts(seller, [], [], [])];
        }
        return true;
    }
}
