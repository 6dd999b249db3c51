using Standing.Core.Evaluation;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary><c>explain --format csv</c>: one row per item of each metric, with its role and reason: every item of the groups --items asks for (--limit is for reading, a spreadsheet filters).</summary>
internal static class ExplainRows
{
    public static Listing For(SellerEvaluation seller, ExplainItems items, Standing.Core.Facts.SellerFacts? facts = null)
    {
        var listing = new Listing("seller", "metric", "item", "role", "reason");
        foreach (var m in seller.Metrics)
        foreach (var item in ItemOrder.Sort(m.Items.Where(i => Wanted(i.Role, m.Definition.Kind, items)), facts))
            listing.Add(seller.Seller, m.Id, item.Id, item.Role.ToString().ToLowerInvariant(), VerdictText.Concise(item.Reason));
        return listing;
    }

    private static bool Wanted(ItemRole role, MetricKind kind, ExplainItems items) => items switch
    {
        ExplainItems.All => true,
        ExplainItems.Excluded => role == ItemRole.Excluded,
        ExplainItems.Pending => role == ItemRole.Pending,
        _ => role == ItemRole.Numerator || (kind == MetricKind.MeanDuration && role == ItemRole.Denominator),
    };
}
