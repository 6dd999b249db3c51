using System.Text.Json;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Policies;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing causes --format json</c> (docs/schemas/causes.schema.json):
/// {"policy":{"id","version","time_zone"},"as_of","sellers":[{"seller","window","negative_reviews",
/// "causes":[{"id","title","count","share","unanswered","examples":[…]}]}]}.
/// </summary>
public static class CausesDocument
{
    public static void Write(Stream stream, Policy policy, Instant asOf, IReadOnlyList<SellerCauses> report)
    {
        var zone = policy.Zone;
        using var json = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", policy.Id);
        json.WriteString("version", policy.Version);
        json.WriteString("time_zone", zone.Id);
        json.WriteEndObject();
        json.WriteString("as_of", DocumentText.Instant(asOf, zone));
        json.WriteStartArray("sellers");
        foreach (var seller in report)
        {
            json.WriteStartObject();
            json.WriteString("seller", seller.Seller);
            json.WriteStartObject("window");
            if (seller.Window.Start is { } start) json.WriteString("start", DocumentText.Instant(start, zone));
            else json.WriteNull("start");
            json.WriteString("end", DocumentText.Instant(seller.Window.End, zone));
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
                    json.WriteString("posted_at", DocumentText.Instant(e.PostedAt, zone));
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
}
