using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Spectre.Console;
using Standing.Core.Evaluation;
using Standing.Core.Policies;

namespace Standing.Cli.Output;

/// <summary>
/// The root-cause report, for people (a table per seller) and for machines:
/// <c>{"policy":{id,version},"asOf","sellers":[{"seller","window","negative_reviews","causes":[{"id","title","count","share","unanswered","examples":[...]}]}]}</c>.
/// </summary>
internal static class RootCauseOutput
{
    public static void WriteJson(Stream stream, Policy policy, Instant asOf, IReadOnlyList<SellerCauses> report)
    {
        var zone = policy.Zone;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", policy.Id);
        json.WriteString("version", policy.Version);
        json.WriteEndObject();
        json.WriteString("asOf", Formats.Instant(asOf, zone));
        json.WriteStartArray("sellers");
        foreach (var seller in report)
        {
            json.WriteStartObject();
            json.WriteString("seller", seller.Seller);
            json.WriteStartObject("window");
            if (seller.Window.Start is { } start) json.WriteString("start", Formats.Instant(start, zone));
            else json.WriteNull("start");
            json.WriteString("end", Formats.Instant(seller.Window.End, zone));
            json.WriteEndObject();
            json.WriteNumber("negative_reviews", seller.NegativeReviews);
            json.WriteStartArray("causes");
            foreach (var cause in seller.Causes)
            {
                json.WriteStartObject();
                json.WriteString("id", cause.Id);
                json.WriteString("title", cause.Title);
                json.WriteNumber("count", cause.Count);
                json.WriteNumber("share", Math.Round((double)cause.Count / seller.NegativeReviews, 10));
                json.WriteNumber("unanswered", cause.Unanswered);
                json.WriteStartArray("examples");
                foreach (var e in cause.Examples)
                {
                    json.WriteStartObject();
                    json.WriteString("review", e.Review);
                    if (e.Order is { } order) json.WriteString("order", order);
                    json.WriteNumber("stars", e.Stars);
                    json.WriteString("posted_at", Formats.Instant(e.PostedAt, zone));
                    if (e.Text is { } text) json.WriteString("text", text);
                    json.WriteBoolean("answered", e.Answered);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteTable(IAnsiConsole console, Policy policy, Instant asOf, IReadOnlyList<SellerCauses> report)
    {
        var zone = policy.Zone;
        console.MarkupLine($"[bold]Negative reviews by root cause[/] ({policy.Id} v{Markup.Escape(policy.Version)}) as of {Formats.Instant(asOf, zone)}");
        foreach (var seller in report)
        {
            console.WriteLine();
            var start = seller.Window.Start is { } s ? Formats.Instant(s, zone) : "the beginning";
            console.MarkupLine($"[bold]{Markup.Escape(seller.Seller)}[/]: {seller.NegativeReviews} negative review{(seller.NegativeReviews == 1 ? "" : "s")} in [[{start}, {Formats.Instant(seller.Window.End, zone)})");
            if (seller.NegativeReviews == 0) continue;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("cause", "count", "share", "unanswered", "examples");
            foreach (var cause in seller.Causes)
            {
                var share = ((double)cause.Count / seller.NegativeReviews * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
                var examples = string.Join("\n", cause.Examples.Select(e => $"{e.Review} ({e.Stars}★): {e.Text ?? "(no text)"}"));
                table.AddRow(Markup.Escape(cause.Title), cause.Count.ToString(CultureInfo.InvariantCulture), share,
                    cause.Unanswered.ToString(CultureInfo.InvariantCulture), Markup.Escape(examples));
            }
            console.Write(table);
        }
    }
}
