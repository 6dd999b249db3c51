using System.Globalization;
using NodaTime;
using Spectre.Console;
using Standing.Core.Evaluation;
using Standing.Core.Policies;

namespace Standing.Cli.Output;

/// <summary>
/// The root-cause report for people: a table per seller (machines read CausesDocument).
/// </summary>
internal static class RootCauseTable
{
    public static void WriteTable(IAnsiConsole console, Policy policy, Instant asOf, IReadOnlyList<SellerCauses> report)
    {
        var zone = policy.Zone;
        console.MarkupLine($"[bold]Negative reviews by root cause[/] ({policy.Id} v{Markup.Escape(policy.Version)}) as of {Formats.Instant(asOf, zone)}");
        foreach (var seller in report)
        {
            console.WriteLine();
            var start = seller.Window.Start is { } s ? Formats.Instant(s, zone) : "the beginning";
            console.MarkupLine($"[bold]{Markup.Escape(seller.Seller)}[/]: {Plural.Of(seller.NegativeReviews, "negative review")} in [[{start}, {Formats.Instant(seller.Window.End, zone)})");
            if (seller.NegativeReviews == 0) continue;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("cause", "count", "share", "unanswered", "examples");
            foreach (var cause in seller.Causes)
            {
                var share = Formats.Share((double)cause.Count / seller.NegativeReviews);
                var examples = string.Join("\n", cause.Examples.Select(e => $"{e.Review} ({e.Stars}★): {e.Text ?? "(no text)"}"));
                table.AddRow(Markup.Escape(cause.Title), cause.Count.ToString(CultureInfo.InvariantCulture), share,
                    cause.Unanswered.ToString(CultureInfo.InvariantCulture), Markup.Escape(examples));
            }
            console.Write(table);
        }
    }

    /// <summary>One row per seller and cause, for CSV.</summary>
    public static Listing Rows(IReadOnlyList<SellerCauses> report)
    {
        var listing = new Listing("seller", "negative_reviews", "cause", "title", "count", "share", "unanswered");
        foreach (var seller in report)
        foreach (var cause in seller.Causes)
        {
            listing.Add(seller.Seller, seller.NegativeReviews.ToString(CultureInfo.InvariantCulture), cause.Id, cause.Title,
                cause.Count.ToString(CultureInfo.InvariantCulture), Formats.Raw((double)cause.Count / seller.NegativeReviews),
                cause.Unanswered.ToString(CultureInfo.InvariantCulture));
        }
        return listing;
    }
}
