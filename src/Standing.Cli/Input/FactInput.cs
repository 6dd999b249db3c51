using NodaTime;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Cli.Input;

/// <summary>The sellers' facts as of an instant, from <c>--events</c> files or from a <c>--db</c> store.</summary>
internal static class FactInput
{
    /// <summary>
    /// Folds the facts of every seller (or of <paramref name="seller"/>). From a store, facts come
    /// through the <see cref="FactProjection"/>: stored facts where they serve, a fold of the log for the rest.
    /// From files, only the events of <paramref name="marketplace"/> (none: the default one) count.
    /// With <paramref name="keepOthers"/> every seller is kept even when one is named (a standard that
    /// compares sellers needs them all, even to show one).
    /// </summary>
    public static bool TryLoad(string[]? files, string? db, string? seller, Instant asOf, string? rejectsPath, TextWriter stderr,
        out IReadOnlyList<SellerFacts> facts, out int rejected, bool keepOthers = false, string? marketplace = null)
    {
        facts = [];
        rejected = 0;
        if (db is not null && files is not { Length: > 0 } && rejectsPath is null)
        {
            try
            {
                using var store = EventStore.Open(db, create: false);
                if (seller is not null && store.Sellers(seller).Count == 0)
                {
                    stderr.WriteLine($"unknown seller \"{seller}\": no event in {store.Name} names it");
                    return false;
                }
                facts = new FactProjection(store).FactsAsOf(asOf, keepOthers ? null : seller);
                if (seller is not null && !facts.Any(f => f.Seller == seller))
                {
                    // The seller exists, but only after as-of: known, with no facts yet (as from files).
                    facts = [.. facts, new SellerFacts(seller, [], [], [])];
                }
                return true;
            }
            catch (EventStoreException e)
            {
                stderr.WriteLine(e.Message);
                return false;
            }
        }
        if (!EventInput.TryLoad(files, db, keepOthers ? null : seller, rejectsPath, stderr, out var input, marketplace)) return false;
        rejected = input.RejectedCount;
        return SellerSelection.TryFacts(input.Events, asOf, seller, stderr, out facts, keepOthers);
    }
}
