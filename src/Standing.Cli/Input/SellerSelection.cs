using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Cli.Input;

/// <summary>Folds the events into facts as of an instant, for all sellers or the one asked for.</summary>
internal static class SellerSelection
{
    public static bool TryFacts(IReadOnlyList<StandingEvent> events, Instant asOf, string? seller, TextWriter stderr, out IReadOnlyList<SellerFacts> facts)
    {
        var selected = seller is null ? events : events.Where(e => e.Seller == seller).ToList();
        if (seller is not null && selected.Count == 0)
        {
            stderr.WriteLine($"unknown seller \"{seller}\": no event in the input names it");
            facts = [];
            return false;
        }
        facts = FactFolder.Fold(selected, asOf);
        if (seller is not null && facts.Count == 0)
        {
            // The seller exists, but only after as-of: report it as known with no facts yet.
            facts = [new SellerFacts(seller, [], [], [])];
        }
        return true;
    }
}
