using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Outbox;
using Standing.Server.Access;
using Standing.Server.Documents;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>GET /v1/notices</c>: the notices enforcement wrote (the bodies the outbox delivers), as a feed:
/// oldest first, each answer with a <c>next_cursor</c> to ask from next time; an alternative to
/// webhooks. A seller key reads the notices addressed to its seller only.
/// </summary>
public static class NoticesEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/notices", Feed).Allow([KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer, KeyRoles.Seller, KeyRoles.Integration])
            .WithTags("notices").WithName("noticesFeed").Produces<Schemas.NoticesFeed>()
            .WithSummary("Notices after a cursor, oldest first ({\"notices\":[…],\"next_cursor\":…}); poll again with next_cursor");
    }

    private static IResult Feed(HttpContext context, StoreAccess access, string? seller, string? cursor, int? limit)
    {
        if (Ids.IsBad("seller", seller, out var bad)) return bad;
        if (!Page.TryParse(limit, null, out var page, out var problem)) return problem;
        (string At, string Id) after = ("", "");
        if (cursor is not null && !TryAfter(cursor, out after)) return Problems.BadField("cursor", "cursor is not one this server gave (take next_cursor from the previous answer)");
        var key = context.Key();
        var notices = new List<StoredNotice>();
        if (access.HasStore && (seller is null || key.Sees(access, seller)))
        {
            using var store = access.Enforcement();
            var wanted = key.SellerFilter(seller);
            notices = store.Notices()
                .Where(n => (wanted is null || n.Seller == wanted) && (key.Role != KeyRoles.Seller || n.Audience == "seller"))
                .Where(n => string.CompareOrdinal(EnforcementJson.Instant(n.At), after.At) > 0
                            || (EnforcementJson.Instant(n.At) == after.At && string.CompareOrdinal(n.Id, after.Id) > 0))
                .Take(page.Limit).ToList();
        }
        var next = notices.Count > 0 ? Cursor(EnforcementJson.Instant(notices[^1].At), notices[^1].Id) : cursor;
        return JsonDocumentResult.Of(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("notices");
            foreach (var n in notices) json.WriteRawValue(NoticePayload.Body(n, access.Marketplace));
            json.WriteEndArray();
            if (next is null) json.WriteNull("next_cursor");
            else json.WriteString("next_cursor", next);
            json.WriteEndObject();
        });
    }

    private static string Cursor(string at, string id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"n{at}\n{id}"));

    private static bool TryAfter(string cursor, [NotNullWhen(true)] out (string At, string Id) after)
    {
        after = ("", "");
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split('\n');
            if (parts.Length != 2 || !parts[0].StartsWith('n')) return false;
            after = (parts[0][1..], parts[1]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
