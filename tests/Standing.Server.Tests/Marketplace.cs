using System.Globalization;
using System.Text;

namespace Standing.Server.Tests;

/// <summary>
/// The small marketplace the server tests run on. Under congocrea as of 2026-04-01 (90-day window
/// from 2026-01-01): shop-a placed 10 orders on 2 March, 3 of them reviewed with 1 or 2 stars, so its
/// ODR is 3/10 = 0.3 (breach: the standard is under 1 %) and both count guards hold (3 defective
/// since the first sale, 3 ≥ 2 in 60 days): the daily job issues a warning. shop-b placed 4 orders,
/// none defective: ODR 0/4 = 0, good.
/// </summary>
internal static class Marketplace
{
    public const string AsOf = "2026-04-01T00:00:00Z";

    public static string Ndjson()
    {
        var lines = new StringBuilder();
        for (var i = 1; i <= 10; i++)
            lines.AppendLine(Placed($"a-p{i}", "shop-a", $"a-o{i}", i));
        foreach (var (order, stars) in (ReadOnlySpan<(int, int)>)[(1, 1), (2, 2), (3, 2), (4, 5)])
            lines.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"a-r{{order}}","type":"review.posted","at":"2026-03-05T10:00:00Z","seller":"shop-a","review":"a-rv{{order}}","order":"a-o{{order}}","stars":{{stars}}}""");
        for (var i = 1; i <= 4; i++)
            lines.AppendLine(Placed($"b-p{i}", "shop-b", $"b-o{i}", i));
        return lines.ToString();
    }

    public static string Placed(string id, string seller, string order, int minute) =>
        $$"""{"id":"{{id}}","type":"order.placed","at":"2026-03-02T09:{{minute:00}}:00Z","seller":"{{seller}}","order":"{{order}}","buyer":"buyer-{{minute}}"}""";
}
